package io.limen.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.revocation.RevocationIndex;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.format.credential.RevocationKey;
import io.limen.provisioning.ProvisionCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/lists.md end to end: the fleet side revokes and publishes with real keys,
 * a terminal's store and trust file take the lists with {@code limen agent lists import}, and bad files
 * are refused with their codes while the lists held stay.
 */
class ListsImportCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run provision(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ProvisionCommand.commandLine(Clock.systemUTC(), new SecureRandom(), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run agent(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AgentCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private static String only(Path folder, String prefix) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow().toString();
        }
    }

    @Test
    void publishedLists_areImported_andAReplayOrAForgeryIsRefused() throws Exception {
        assertEquals(0, provision("keys", "--out", dir.resolve("list-keys").toString()).exit());
        assertEquals(0, provision("keys", "--issuer", "https://acme.example", "--out", dir.resolve("issuer-keys").toString()).exit());
        Path revoked = dir.resolve("revoked.txt");
        assertEquals(0, provision("revoke", "--list", revoked.toString(), "--issuer", "https://acme.example", "--cti", "0a0b0c0d").exit());
        Files.copy(revoked, dir.resolve("revoked-v1.txt"));
        String signer = dir.resolve("list-keys/issuer.key").toString();
        Run v1 = provision("publish-lists", "--signer", signer, "--version", "1", "--revoked", dir.resolve("revoked-v1.txt").toString(),
                "--trust", dir.resolve("issuer-keys/trust.pem").toString(), "--out", dir.resolve("lists-v1").toString());
        assertEquals(0, v1.exit(), v1.err());
        assertEquals(0, provision("revoke", "--list", revoked.toString(), "--issuer", "https://acme.example", "--cti", "01020304").exit());
        Run v2 = provision("publish-lists", "--signer", signer, "--version", "2", "--revoked", revoked.toString(),
                "--base-revoked", dir.resolve("revoked-v1.txt").toString(), "--base", "1", "--out", dir.resolve("lists-v2").toString());
        assertEquals(0, v2.exit(), v2.err());

        Path db = dir.resolve("terminal/revocations.db");
        Files.createDirectories(db.getParent());
        Path trustFile = dir.resolve("terminal/trust.pem");
        String signers = dir.resolve("list-keys/trust.pem").toString();
        String snapshot = only(dir.resolve("lists-v1"), "revocations-v1-chunk");
        String trust = only(dir.resolve("lists-v1"), "trust-v1");
        String delta = dir.resolve("lists-v2/revocations-v1-to-v2.cose").toString();
        Run imported = agent("lists", "import", "--db", db.toString(), "--trust-file", trustFile.toString(), "--signers", signers,
                snapshot, trust, delta);
        assertEquals(0, imported.exit(), imported.out() + imported.err());
        assertEquals(snapshot + ": applied revocations version 1 (snapshot of 1 keys in 1 chunks)\n"
                + trust + ": applied trust version 1 (1 of 1 keys valid now, written to " + trustFile + ")\n"
                + delta + ": applied revocations version 2 (delta: 1 added, 0 removed, 2 keys now)\n", imported.out());
        assertTrue(Files.readString(trustFile).contains("Issuer: https://acme.example"));

        // The old snapshot again: a rollback; a list signed by the issuer key: an unknown signer.
        Path forged = dir.resolve("forged");
        assertEquals(0, provision("publish-lists", "--signer", dir.resolve("issuer-keys/issuer.key").toString(), "--version", "9",
                "--revoked", revoked.toString(), "--out", forged.toString()).exit());
        String forgedFile = only(forged, "revocations-v9");
        Path huge = dir.resolve("huge.cose");
        try (var raf = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            raf.setLength(5L * 1024 * 1024); // sparse: a file that claims 5 MiB, over the 4 MiB cap
        }
        Run refused = agent("lists", "import", "--db", db.toString(), "--signers", signers, snapshot, forgedFile, huge.toString());
        assertEquals(1, refused.exit());
        List<String> lines = refused.out().lines().toList();
        assertEquals(snapshot + ": refused rollback: version 1 is not newer than the held version 2", lines.get(0));
        assertTrue(lines.get(1).startsWith(forgedFile + ": refused unknown_signer: "), lines.get(1));
        assertTrue(lines.get(2).startsWith(huge + ": refused too_large: "), lines.get(2));

        try (RevocationIndex index = RevocationIndex.open(SqliteConnections.file(db), Instant.now())) {
            assertEquals(2, index.current().version());
            assertTrue(index.current().contains(RevocationKey.of("https://acme.example", HexFormat.of().parseHex("0a0b0c0d"))));
            assertTrue(index.current().contains(RevocationKey.of("https://acme.example", HexFormat.of().parseHex("01020304"))));
        }
    }
}
