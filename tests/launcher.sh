#!/usr/bin/env bash
# Tests of the launcher itself (./limen), run by `./limen test` after the Maven suite has built the
# jars. They run the real launcher as a person would: from another folder, under LC_ALL=C, twice at
# once. Writes a JUnit report to $1 (so the closing "tests: ..." line counts these) and exits 1 if
# any test failed.
#
#   tests/launcher.sh [REPORT.xml]
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
report=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0 failed=0 cases=""
xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'; }

# run_test NAME: runs the function NAME in its own empty folder (as its working directory).
run_test() {
  local name=$1 dir=$work/$1 out started elapsed
  mkdir -p "$dir"
  started=$(date +%s%N)
  out=$( cd "$dir" && "$name" 2>&1 )
  local rc=$?
  elapsed=$(awk -v ns=$(( $(date +%s%N) - started )) 'BEGIN { printf "%.3f", ns / 1e9 }')
  if [ $rc -eq 0 ]; then
    passed=$((passed + 1)); echo "launcher test $name: passed (${elapsed}s)"
    cases+="<testcase classname=\"launcher\" name=\"$name\" time=\"$elapsed\"/>"
  else
    failed=$((failed + 1)); echo "launcher test $name: FAILED (${elapsed}s)"; printf '%s\n' "$out" | sed 's/^/    /'
    cases+="<testcase classname=\"launcher\" name=\"$name\" time=\"$elapsed\"><failure message=\"see output\">$(printf '%s' "$out" | xml_escape)</failure></testcase>"
  fi
}

fail() { echo "$*"; exit 1; }

# 1. Paths a person types are relative to where they typed them, not to the repository.
paths_areRelativeToTheCallersFolder() {
  "$repo/limen" provision keys --out fleet >keys.out 2>keys.err || fail "keys failed: $(cat keys.err)"
  [ -f fleet/issuer.key ] && [ -f fleet/trust.pem ] || fail "no fleet/ here: $(ls -la)"
  [ ! -e "$repo/fleet" ] || fail "keys wrote into the repository: $repo/fleet"
  grep -q "^private  $PWD/fleet/issuer.key" keys.out || fail "printed another path: $(cat keys.out)"
  # scan reads the trust file given relative to here.
  "$repo/limen" agent scan --trust fleet/trust.pem --text 'LP1:NOTACODE' >scan.out 2>scan.err \
    || fail "scan failed: $(cat scan.err)"
  grep -q '"reason":"bad_base45"' scan.out || fail "unexpected scan output: $(cat scan.out)"
}

# 5. Under LC_ALL=C (cron, systemd, a bare ssh session) non-ASCII arguments are signed as typed.
nonAsciiArguments_underCLocale_areSignedExactly() {
  export LC_ALL=C
  "$repo/limen" provision keys --issuer 'https://ācmé.example' --out fleet >/dev/null 2>keys.err \
    || fail "keys failed: $(cat keys.err)"
  grep -qx 'Issuer: https://ācmé.example' fleet/trust.pem || fail "trust.pem: $(cat fleet/trust.pem)"
  "$repo/limen" provision issue --key fleet/issuer.key --issuer 'https://ācmé.example' --subject 'Zoë' \
      --zone 'café' --out 'badge-Zoë' >issue.out 2>issue.err || fail "issue failed: $(cat issue.err)"
  [ -f 'badge-Zoë.png' ] && [ -f 'badge-Zoë.txt' ] || fail "the output path was not kept as typed: $(ls)"
  grep -q '"issuer":"https://ācmé.example","subject":"Zoë"' issue.out || fail "issue printed: $(cat issue.out)"
  # The terminal's scan, under C too, grants it in zone café with exactly those claims.
  "$repo/limen" agent scan --trust fleet/trust.pem --zone 'café' 'badge-Zoë.png' >scan.out 2>scan.err \
    || fail "scan failed: $(cat scan.err)"
  grep -q '"decision":"granted"' scan.out || fail "scan: $(cat scan.out)"
  grep -q '"issuer":"https://ācmé.example","subject":"Zoë"' scan.out || fail "scan: $(cat scan.out)"
}

# A fake repository around a copy of the launcher: a fake JDK whose java prints where it runs, and a
# fake Maven that takes a second and logs each build. Tests the launcher's own logic in milliseconds.
fake_repo() {
  mkdir -p repo/terminal-agent/src jdk/bin tools
  cp "$repo/limen" repo/limen
  echo '<project/>' >repo/pom.xml
  echo 'JAVA_VERSION="21.0.5"' >jdk/release
  printf '#!/bin/sh\nexit 0\n' >jdk/bin/javac
  printf '#!/bin/sh\necho "java in $PWD: $*"\n' >jdk/bin/java
  cat >tools/mvn <<'EOF'
#!/bin/sh
echo "start $$" >>"$MVN_LOG"; sleep 1; mkdir -p terminal-agent/target/lib; echo "end $$" >>"$MVN_LOG"
EOF
  chmod +x jdk/bin/* tools/mvn
  export JAVA_HOME=$PWD/jdk PATH=$PWD/tools:$PATH MVN_LOG=$PWD/mvn.log
}

# 18. Two commands started while a rebuild is due: one build, the other waits and then uses it.
concurrentLaunches_whileABuildIsDue_buildOnce() {
  fake_repo
  mkdir caller && cd caller || exit 1
  ../repo/limen provision --version >a.out 2>a.err & a=$!
  ../repo/limen agent --version >b.out 2>b.err & b=$!
  wait $a || fail "first launch failed: $(cat a.err)"
  wait $b || fail "second launch failed: $(cat b.err)"
  [ "$(grep -c start "$MVN_LOG")" = 1 ] || fail "Maven ran more than once: $(cat "$MVN_LOG")"
  [ "$(sed -n 2p "$MVN_LOG" | cut -d' ' -f1)" = end ] || fail "builds overlapped: $(cat "$MVN_LOG")"
  grep -q "^java in $PWD: .*provisioning.jar --version" a.out || fail "first: $(cat a.out a.err)"
  grep -q "^java in $PWD: .*terminal-agent.jar --version" b.out || fail "second: $(cat b.out b.err)"
}

# The locale switch leaves a UTF-8 caller's locale alone and gives a C caller C.UTF-8.
javaLocale_isUtf8_whateverTheCallers() {
  fake_repo
  printf '#!/bin/sh\necho "LC_ALL=$LC_ALL"\n' >jdk/bin/java
  mkdir -p repo/terminal-agent/target/lib && touch repo/terminal-agent/target/lib/.built
  [ "$(LC_ALL=C repo/limen provision)" = "LC_ALL=C.UTF-8" ] || fail "under C: $(LC_ALL=C repo/limen provision)"
  [ "$(LC_ALL=POSIX repo/limen provision)" = "LC_ALL=C.UTF-8" ] || fail "under POSIX"
  [ "$(LC_ALL=C.UTF-8 repo/limen provision)" = "LC_ALL=C.UTF-8" ] || fail "under C.UTF-8"
  [ "$(env -u LC_ALL LANG=C.UTF-8 repo/limen provision)" = "LC_ALL=" ] || fail "a UTF-8 LANG was overridden"
}

for t in paths_areRelativeToTheCallersFolder nonAsciiArguments_underCLocale_areSignedExactly \
         concurrentLaunches_whileABuildIsDue_buildOnce javaLocale_isUtf8_whateverTheCallers; do
  run_test "$t"
done

if [ -n "$report" ]; then
  mkdir -p "$(dirname "$report")"
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="launcher" tests="%d" failures="%d" errors="0" skipped="0">%s</testsuite>\n' \
    $((passed + failed)) "$failed" "$cases" >"$report"
fi
echo "launcher tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
