package io.limen.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialVerifier;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.Verification;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every command of {@code limen provision} shares: arguments as typed, output checked, exit codes. */
class CommandLineTest {

    @TempDir
    Path dir;

    private Path key;

    @BeforeEach
    void makeKeys() {
        assertEquals(0, Cli.run("keys", "--out", dir.resolve("keys").toString()).exitCode());
        key = dir.resolve("keys/issuer.key");
    }

    @Test
    void argumentStartingWithAt_isThatText_notAFileOfOptions() throws Exception {
        Path options = Files.writeString(dir.resolve("notes.txt"), "someone-else");

        Cli.Result result = issue("--subject", "@" + options, "--out", dir.resolve("ada").toString());

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("\"subject\":\"@" + options + "\""), result.out());
    }

    /** A writer on a full disk: what PrintWriter swallows unless asked. */
    private static final Writer FULL_DISK = new Writer() {
        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void flush() throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void close() {
        }
    };

    @Test
    void everySubcommandsVersion_isTheRootsVersion_notAnEmptyLine() {
        // publish-lists has no -V: its --version is the list version it publishes.
        String root = Cli.run("--version").out();
        assertTrue(root.startsWith("limen provision "), root);
        for (String sub : new String[] {"keys", "issue", "revoke", "consume", "holder-keys", "present"}) {
            Cli.Result result = Cli.run(sub, "-V");
            assertEquals(0, result.exitCode(), sub + ": " + result);
            assertEquals(root, result.out(), sub);
        }
    }

    @Test
    void keys_whoseOutputCannotBeWritten_exits1WithAMessage() {
        Cli.Result result = Cli.run(FileSet.Steps.NONE, FULL_DISK, "keys", "--out", dir.resolve("more").toString());

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("could not write to standard output"), result.err());
    }

    @Test
    void issue_whoseRecordCannotBePrinted_exits1_andKeepsNoCredential() throws Exception {
        Cli.Result result = Cli.run(FileSet.Steps.NONE, FULL_DISK, "issue", "--key", key.toString(), "--issuer", "iss",
                "--subject", "sub", "--out", dir.resolve("out/ada").toString());

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("revocation key would be lost; nothing was written"), result.err());
        assertEquals(List.of(), names(dir.resolve("out")));
    }

    /** The real thing: stdout on /dev/full in a child process. */
    @Test
    void issue_toDevFull_exits1_andKeepsNoCredential() throws Exception {
        ProcessBuilder child = ChildJvm.command(dir, Map.of(), ProvisionCommand.class.getName(), "issue", "--key", key.toString(),
                "--issuer", "iss", "--subject", "sub", "--out", "out/ada").redirectOutput(new File("/dev/full"));

        Cli.Result result = ChildJvm.run(child);

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("limen provision issue: could not write to standard output"), result.err());
        assertEquals(List.of(), names(dir.resolve("out")));
    }

    /** Under LC_ALL=C Java decodes "Zoë" as "Zo\uFFFD\uFFFD": refused, naming the locale, before anything is signed. */
    @Test
    void nonAsciiArguments_underACLocale_areRefusedNamingTheLocale() throws Exception {
        ProcessBuilder child = ChildJvm.command(dir, Map.of("LC_ALL", "C"), ProvisionCommand.class.getName(), "issue",
                "--key", key.toString(), "--issuer", "https://ācmé.example", "--subject", "Zoë", "--zone", "café", "--out", "ada");

        Cli.Result result = ChildJvm.run(child);

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("limen provision: argument 5 ('https://??cm??.example') is not text"), result.err());
        assertTrue(result.err().contains("(LC_ALL=C)") && result.err().contains("LC_ALL=C.UTF-8"), result.err());
        assertEquals(List.of("keys"), names(dir));
    }

    /** Under a UTF-8 locale (what the launcher gives Java) the claims carry exactly the bytes typed. */
    @Test
    void nonAsciiArguments_underCUtf8_areSignedExactly() throws Exception {
        ProcessBuilder child = ChildJvm.command(dir, Map.of("LC_ALL", "C.UTF-8"), ProvisionCommand.class.getName(), "issue",
                "--key", key.toString(), "--issuer", "https://ācmé.example", "--subject", "Zoë", "--zone", "café", "--out", "ada");

        Cli.Result result = ChildJvm.run(child);

        assertEquals(0, result.exitCode(), result.toString());
        String text = Files.readString(dir.resolve("ada.txt"));
        TrustStore trust = TrustStore.load(dir.resolve("keys/trust.pem"));
        Verification verified = new CredentialVerifier(() -> trust, Duration.ofMinutes(1)).verify(text, Instant.now());
        Claims claims = ((Verification.Verified) verified).credential().claims();
        assertEquals("https://\u0101cm\u00e9.example", claims.issuer());
        assertEquals("Zo\u00eb", claims.subject());
        assertEquals(List.of("caf\u00e9"), claims.zones());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--not-before=1960-01-01T00:00:00Z", "--not-before=1969-12-31T23:59:59Z",
        "--not-before=+10000-01-01T00:00:00Z", "--not-before=-999999999-01-01T00:00:00Z", "--expires=+999999999-12-31T23:59:59Z"})
    void timeACredentialCannotCarry_isAUsageErrorNamingTheOptionAndTheRange(String option) {
        Cli.Result result = issue(option, "--subject", "sub", "--out", dir.resolve("ada").toString());

        assertEquals(2, result.exitCode(), result.toString());
        String name = option.substring(0, option.indexOf('='));
        assertTrue(result.err().startsWith("limen provision issue: Invalid value for option '" + name + "'"), result.err());
        assertTrue(result.err().contains("must be within 1970-01-01T00:00:00Z .. 9999-12-31T23:59:59Z"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void outputPathThisSystemCannotName_isAUsageError() {
        String prefix = dir + "/ada\0x";
        Cli.Result result = issue("--subject", "sub", "--out", prefix);

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("--out '" + prefix + "' cannot name a file here"), result.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "badges/", ".", "badges/.."})
    void outputPrefixWithoutAFileName_isAUsageError_andWritesNoHiddenFiles(String prefix) throws IOException {
        Cli.Result result = issue("--subject", "sub", "--out", prefix.isEmpty() ? "" : dir.resolve(prefix) + (prefix.endsWith("/") ? "/" : ""));

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("--out must end in a file name"), result.err());
        assertEquals(List.of("keys"), names(dir));
    }

    @Test
    void outputUnderAPlainFile_failsSayingSo() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "not a folder");

        Cli.Result result = issue("--subject", "sub", "--out", file + "/ada");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals("limen provision issue: " + file + " exists but is not a directory\n", result.err());
    }

    @Test
    void claimsTooLargeForTerminals_isAUsageError_notAnInternalError() {
        Stream<String> zones = Stream.iterate(0, i -> i + 1).limit(40).flatMap(i -> Stream.of("--zone", ("z" + i).repeat(60)));
        String[] args = Stream.concat(zones, Stream.of("--subject", "sub", "--out", dir.resolve("ada").toString())).toArray(String[]::new);

        Cli.Result result = issue(args);

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("--zone") && !result.err().contains("internal error"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    private Cli.Result issue(String... args) {
        String[] all = Stream.concat(Stream.of("issue", "--key", key.toString(), "--issuer", "https://acme.example"), Stream.of(args))
                .toArray(String[]::new);
        return Cli.run(all);
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
