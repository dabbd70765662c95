package io.limen.provisioning;

import io.limen.format.cose.KeyId;
import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.TrustedKey;
import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListDocuments;
import io.limen.format.lists.ListHeader;
import io.limen.format.lists.ListKind;
import io.limen.format.lists.TrustEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code limen provision trust}: keeps the centre's trust list (issuer keys with their issuer and
 * validity) in a state file ({@link TrustState}) and publishes each change as a new, signed version
 * through the same targets as {@code publish-lists} ({@link ListTargets}). Refusals carry a stable
 * {@link TrustProblem} code and change nothing. Format and rotation: docs/lists.md.
 */
@Command(name = "trust",
        headerHeading = "%n",
        header = "Add, rotate and retire issuer keys on the trust list, and publish it.",
        description = {
            // One paragraph: picocli wraps each array element on its own, so split lines break mid-sentence.
            "Keeps the trust list in --state (JSON: version, keys, the signed list) and signs each change"
                    + " as the next version with the LIST-SIGNING key, into --out (trust-vN.cose) and/or retained on"
                    + " limen/SITE/lists/trust at --broker. Refusals say 'refused CODE: ...' and change nothing.",
            ""},
        commandListHeading = "%nCommands:%n",
        mixinStandardHelpOptions = true)
final class TrustCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** The trust command with its subcommands, each taking the time from {@code clock}. */
    static CommandLine commandLine(Clock clock) {
        return new CommandLine(new TrustCommand())
                .addSubcommand(new Add(clock))
                .addSubcommand(new Rotate(clock))
                .addSubcommand(new Retire(clock))
                .addSubcommand(new ListKeys(clock))
                .addSubcommand(new Publish());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: add, rotate, retire, list or publish");
    }

    /** Where the state is and where a new version goes. */
    static final class Target {
        @Option(names = "--state", required = true, paramLabel = "FILE", description = "The trust state file (JSON); 'add' creates it.")
        Path state;

        @Option(names = "--out", paramLabel = "DIR", description = "The folder to write trust-vN.cose into.")
        Path out;

        @Option(names = "--broker", paramLabel = "URI", description = "An MQTT broker (tcp://host:port, ssl://host:port) to publish the list to, retained.")
        String broker;

        @Option(names = "--site", paramLabel = "SITE", description = "With --broker: the site whose terminals take it (topic limen/SITE/lists/trust).")
        String site;

        @Option(names = "--topic-prefix", paramLabel = "PREFIX",
                description = "With --broker, instead of --site: the terminals' lists.topicPrefix, filled in (topic PREFIX/trust).")
        String topicPrefix;
    }

    /** A change: the signing and versioning options beside the target. */
    abstract static class Change implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = "--signer", required = true, paramLabel = "FILE", description = "The list-signing private key (never an issuer key).")
        Path signer;

        @Option(names = "--list-version", paramLabel = "N",
                description = "The version to publish. Default: the state's version + 1; a lower one is refused (rollback).")
        Long listVersion;

        @Option(names = "--next-update", paramLabel = "DURATION", converter = Converters.PositiveDuration.class, defaultValue = "P1D",
                description = "When terminals should expect the next version at the latest. Default: P1D.")
        Duration nextUpdate;

        final Clock clock;

        Change(Clock clock) {
            this.clock = clock;
        }

        /** Whether the state file may be missing (the first key). */
        boolean createsState() {
            return false;
        }

        /** The new keys from the state's keys at {@code now}, or a {@link TrustProblem}; {@code said} takes lines for the output. */
        abstract List<TrustEntry> change(List<TrustEntry> keys, Instant now, List<String> said);

        @Override
        public Integer call() throws IOException {
            ListTargets.check(target.out, target.broker, target.site, target.topicPrefix);
            TrustState state = TrustState.load(target.state, createsState());
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            List<String> said = new java.util.ArrayList<>();
            List<TrustEntry> changed = change(state.keys(), now, said);
            List<TrustEntry> keys = TrustChanges.withoutExpired(changed, now);
            changed.stream().filter(e -> !keys.contains(e))
                    .forEach(e -> said.add("dropped " + e.key().keyId() + " (" + TrustChanges.describe(e.issuer()) + "): expired at " + e.notAfter()));
            TrustChanges.requireOneValid(keys, now);
            if (keys.size() > ListDocuments.MAX_TRUST_ENTRIES) {
                throw new ProvisioningException("a trust list may list at most " + ListDocuments.MAX_TRUST_ENTRIES + " keys, but this one would list " + keys.size());
            }
            long version = listVersion != null ? listVersion : state.version() + 1;
            if (version <= state.version()) {
                throw TrustProblem.ROLLBACK.refuse("--list-version " + version + " is not above the version " + state.version() + " of "
                        + target.state + ": terminals holding it would pass the new list over");
            }
            IssuerKey key = IssuerKeyFile.load(signer);
            ListHeader header = new ListHeader(ListKind.TRUST, ListHeader.ANY_ISSUER, version, OptionalLong.empty(), now,
                    now.plus(nextUpdate).truncatedTo(ChronoUnit.SECONDS), Optional.empty());
            byte[] document = ListDocuments.sign(key.signingKey(), new ListDocument.Trust(header, keys));
            PrintWriter out = spec.commandLine().getOut();
            try (ListTargets targets = ListTargets.open(target.out, target.broker, target.site, target.topicPrefix)) {
                // The state first: a version that reached a terminal must never be signed again with other keys.
                new TrustState(version, keys, Optional.of(document)).save(target.state);
                said.forEach(out::println);
                String where;
                try {
                    where = targets.trust(version, document);
                } catch (ProvisioningException | IOException e) {
                    throw new ProvisioningException("trust version " + version + " is saved in " + target.state + " but was not sent: "
                            + ProvisionCommand.describeAny(e) + "; send it with 'limen provision trust publish --state " + target.state + " ...'");
                }
                out.println("trust version " + version + ": " + keys.size() + " key(s)" + where);
                keys.forEach(e -> out.println("  " + line(e, now)));
            }
            out.flush();
            return 0;
        }
    }

    /** One key for people: kid, issuer, validity and what it is at {@code now}. */
    static String line(TrustEntry e, Instant now) {
        String status = e.validAt(now) ? "valid" : e.notBefore().isAfter(now) ? "pending" : "expired";
        return e.key().keyId() + "  " + TrustChanges.describe(e.issuer()) + "  " + e.notBefore() + " .. " + e.notAfter() + "  " + status;
    }

    /** The one public key of a PEM file (as 'keys' writes trust.pem), bound to {@code issuer} or to the file's 'Issuer:' line. */
    static TrustedKey readKey(Path file, String option, String issuer) throws IOException {
        TrustStore store;
        try {
            store = TrustStore.load(file);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(option + ": " + e.getMessage());
        }
        if (store.size() != 1) {
            throw new ProvisioningException(option + ": " + file + " must hold one public key, but holds " + store.size());
        }
        TrustedKey key = store.keys().get(0);
        if (issuer != null && key.issuer().isPresent() && !key.issuer().get().equals(issuer)) {
            throw new ProvisioningException(option + ": " + file + " binds its key to " + key.issuer().get() + ", but --issuer is " + issuer);
        }
        if (issuer == null && key.issuer().isEmpty()) {
            throw new ProvisioningException("--issuer is required: " + file + " has no 'Issuer:' line binding its key");
        }
        return issuer != null ? TrustedKey.of(key.key()).boundTo(issuer) : key;
    }

    static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    static TrustEntry entry(TrustedKey key, Instant from, Instant until) {
        if (!until.isAfter(from)) {
            throw TrustProblem.BAD_VALIDITY.refuse("--valid-until " + until + " is not after --valid-from " + from);
        }
        return new TrustEntry(key.issuer(), key.key(), from, until);
    }

    static KeyId kid(String hex, String option) {
        try {
            return new KeyId(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(option + " must be a kid of 16 hex digits, but was " + hex);
        }
    }

    @Command(name = "add", headerHeading = "%n", header = "List an issuer key (a new issuer, or a second key beside its current one).",
            sortOptions = false, mixinStandardHelpOptions = true)
    static final class Add extends Change {
        @Option(names = "--issuer", paramLabel = "ISS", description = "The issuer the key verifies credentials of. Default: the key file's 'Issuer:' line.")
        String issuer;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The issuer PUBLIC key (trust.pem of 'keys').")
        Path key;

        @Option(names = "--valid-from", paramLabel = "TIME", converter = Converters.OffsetInstant.class, description = "From when it verifies. Default: now.")
        Instant validFrom;

        @Option(names = "--valid-until", paramLabel = "TIME", converter = Converters.OffsetInstant.class,
                description = "Until when it verifies. Default: a year after --valid-from.")
        Instant validUntil;

        Add(Clock clock) {
            super(clock);
        }

        @Override
        boolean createsState() {
            return true;
        }

        @Override
        List<TrustEntry> change(List<TrustEntry> keys, Instant now, List<String> said) {
            Instant from = validFrom != null ? seconds(validFrom) : now;
            Instant until = validUntil != null ? seconds(validUntil) : from.plus(Duration.ofDays(365));
            TrustEntry added;
            try {
                added = entry(readKey(key, "--key", issuer == null ? null : Converters.claimText(spec.commandLine(), "--issuer", issuer)), from, until);
            } catch (IOException e) {
                throw new ProvisioningException("--key: " + ProvisionCommand.describe(e));
            }
            said.add("added " + added.key().keyId() + " (" + TrustChanges.describe(added.issuer()) + ")");
            return TrustChanges.add(keys, added);
        }
    }

    @Command(name = "rotate", headerHeading = "%n",
            header = "Replace an issuer's key: the new one is listed, both verify during --overlap, then the old one's validity ends.",
            sortOptions = false, mixinStandardHelpOptions = true)
    static final class Rotate extends Change {
        @Option(names = "--issuer", required = true, paramLabel = "ISS", description = "The issuer whose key changes.")
        String issuer;

        @Option(names = "--new-key", required = true, paramLabel = "FILE", description = "The new issuer PUBLIC key (trust.pem of 'keys').")
        Path newKey;

        @Option(names = "--old-kid", paramLabel = "KID", description = "The key leaving, when the issuer has several. Default: its only key.")
        String oldKid;

        @Option(names = "--overlap", required = true, paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
                description = "How long both keys verify (ISO-8601, e.g. P30D): at least the longest validity of a credential signed with the old key.")
        Duration overlap;

        @Option(names = "--valid-from", paramLabel = "TIME", converter = Converters.OffsetInstant.class, description = "From when the new key verifies. Default: now.")
        Instant validFrom;

        @Option(names = "--valid-until", paramLabel = "TIME", converter = Converters.OffsetInstant.class,
                description = "Until when the new key verifies. Default: a year after --valid-from.")
        Instant validUntil;

        Rotate(Clock clock) {
            super(clock);
        }

        @Override
        List<TrustEntry> change(List<TrustEntry> keys, Instant now, List<String> said) {
            String iss = Converters.claimText(spec.commandLine(), "--issuer", issuer);
            Instant from = validFrom != null ? seconds(validFrom) : now;
            Instant until = validUntil != null ? seconds(validUntil) : from.plus(Duration.ofDays(365));
            TrustEntry next;
            try {
                next = entry(readKey(newKey, "--new-key", iss), from, until);
            } catch (IOException e) {
                throw new ProvisioningException("--new-key: " + ProvisionCommand.describe(e));
            }
            List<TrustEntry> rotated = TrustChanges.rotate(keys, next, Optional.ofNullable(oldKid).map(k -> kid(k, "--old-kid")), overlap, now);
            for (TrustEntry e : keys) {
                if (!rotated.contains(e)) {
                    Instant end = rotated.stream().filter(r -> r.key().equals(e.key()) && r.issuer().equals(e.issuer()))
                            .findFirst().orElseThrow().notAfter();
                    said.add("old key " + e.key().keyId() + " (" + iss + ") now ends at " + end);
                }
            }
            said.add("new key " + next.key().keyId() + " (" + iss + ") from " + next.notBefore());
            return rotated;
        }
    }

    @Command(name = "retire", headerHeading = "%n", header = "Take an issuer key off the trust list now.",
            sortOptions = false, mixinStandardHelpOptions = true)
    static final class Retire extends Change {
        @Option(names = "--kid", required = true, paramLabel = "KID", description = "The key's kid (16 hex digits, as 'trust list' shows it).")
        String kid;

        @Option(names = "--issuer", paramLabel = "ISS", description = "Only its listing for this issuer. Default: every listing of the kid.")
        String issuer;

        @Option(names = "--force", description = "Retire it even if it is the last key of its issuer (every credential of that issuer is then refused).")
        boolean force;

        Retire(Clock clock) {
            super(clock);
        }

        @Override
        List<TrustEntry> change(List<TrustEntry> keys, Instant now, List<String> said) {
            KeyId id = kid(kid, "--kid");
            List<TrustEntry> staying = TrustChanges.retire(keys, id, Optional.ofNullable(issuer), force, now);
            said.add("retired " + id + " (" + (keys.size() - staying.size()) + " listing(s))");
            return staying;
        }
    }

    @Command(name = "list", headerHeading = "%n", header = "Show the trust state: its version and keys.",
            sortOptions = false, mixinStandardHelpOptions = true)
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--state", required = true, paramLabel = "FILE", description = "The trust state file.")
        Path state;

        private final Clock clock;

        ListKeys(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws IOException {
            TrustState held = TrustState.load(state, false);
            Instant now = seconds(clock.instant());
            PrintWriter out = spec.commandLine().getOut();
            out.println("trust version " + held.version() + ": " + held.keys().size() + " key(s)");
            held.keys().forEach(e -> out.println("  " + line(e, now)));
            out.flush();
            return 0;
        }
    }

    @Command(name = "publish", headerHeading = "%n",
            header = "Send the state's signed list again, unchanged (a broker that missed it, a new site, a new --out).",
            sortOptions = false, mixinStandardHelpOptions = true)
    static final class Publish implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public Integer call() throws IOException {
            ListTargets.check(target.out, target.broker, target.site, target.topicPrefix);
            TrustState held = TrustState.load(target.state, false);
            if (held.document().isEmpty()) {
                throw new ProvisioningException(target.state + ": nothing published yet: 'trust add' makes version 1");
            }
            try (ListTargets targets = ListTargets.open(target.out, target.broker, target.site, target.topicPrefix)) {
                String where = targets.trust(held.version(), held.document().get());
                spec.commandLine().getOut().println("trust version " + held.version() + ": " + held.keys().size() + " key(s)" + where);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
