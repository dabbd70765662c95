package io.limen.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Outbox;
import io.limen.agent.scanlog.ScanEntry;
import io.limen.format.Reason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code log tail} and {@code log export} on a real scan log file. */
class LogCommandTest {

    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AgentCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path logOfThree() throws Exception {
        Path file = dir.resolve("scanlog.db");
        try (Outbox outbox = Outbox.open(SqliteConnections.file(file))) {
            outbox.append(List.of(
                    new ScanEntry(T0, Reason.OK, Optional.of("00112233"), Optional.of("https://issuer.example"),
                            Optional.of("holder-1"), Optional.of("lobby"), new ScanEntry.StageMicros(1200, 80, 3, 1400)),
                    new ScanEntry(T0.plusSeconds(60), Reason.BAD_SIGNATURE, Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.of("lobby"), new ScanEntry.StageMicros(1100, 70, 0, 1250)),
                    new ScanEntry(T0.plusSeconds(120), Reason.EXPIRED, Optional.of("0a"), Optional.of("https://issuer.example"),
                            Optional.of("holder-2"), Optional.empty(), new ScanEntry.StageMicros(1000, 90, 2, 1150))));
            outbox.markSent(1, 1, T0.plusSeconds(5));
        }
        return file;
    }

    @Test
    void tail_printsTheLastNScansOldestFirst_oneJsonLineEach() throws Exception {
        Path file = logOfThree();

        assertEquals(0, run("log", "tail", "-n", "2", "--db", file.toString()), err.toString());

        assertEquals(List.of(
                "{\"sequence\":2,\"decided_at\":\"2026-11-30T08:01:00Z\",\"decision\":\"denied\",\"reason\":\"bad_signature\","
                        + "\"cti\":null,\"issuer\":null,\"subject\":null,\"zone\":\"lobby\",\"direction\":null,"
                        + "\"us\":{\"decode\":1100,\"verify\":70,\"decide\":0,\"frame_to_relay\":1250},\"sent_at\":null}",
                "{\"sequence\":3,\"decided_at\":\"2026-11-30T08:02:00Z\",\"decision\":\"denied\",\"reason\":\"expired\","
                        + "\"cti\":\"0a\",\"issuer\":\"https://issuer.example\",\"subject\":\"holder-2\",\"zone\":null,\"direction\":null,"
                        + "\"us\":{\"decode\":1000,\"verify\":90,\"decide\":2,\"frame_to_relay\":1150},\"sent_at\":null}"),
                out.toString().lines().toList());
    }

    @Test
    void export_printsEveryScanSinceTheTime_withItsSentTime() throws Exception {
        Path file = logOfThree();

        assertEquals(0, run("log", "export", "--since", "2026-11-30T08:00:00Z", "--db", file.toString()), err.toString());

        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("{\"sequence\":1,\"decided_at\":\"2026-11-30T08:00:00Z\",\"decision\":\"granted\",\"reason\":\"ok\""));
        assertTrue(lines.get(0).endsWith("\"sent_at\":\"2026-11-30T08:00:05Z\"}"), lines.get(0));

        out.getBuffer().setLength(0);
        assertEquals(0, run("log", "export", "--since", "2026-11-30T09:01:00+01:00", "--db", file.toString()));
        assertEquals(List.of(3L, 2L).size(), out.toString().lines().count(), "08:01Z on: the last two");
    }

    @Test
    void missingOrDamagedFile_exits1WithOneLine_andCreatesNothing() throws Exception {
        Path missing = dir.resolve("none.db");
        assertEquals(1, run("log", "tail", "--db", missing.toString()));
        assertEquals("tail: scan log " + missing + ": no such file", err.toString().strip(), "one line naming the file and what is wrong");
        assertTrue(Files.notExists(missing));

        err.getBuffer().setLength(0);
        Path damaged = Files.writeString(dir.resolve("damaged.db"), "x".repeat(4096));
        assertEquals(1, run("log", "tail", "--db", damaged.toString()));
        assertTrue(err.toString().startsWith("tail: scan log " + damaged.toAbsolutePath() + " is damaged or not a SQLite database"),
                err.toString());
    }

    @Test
    void badOptions_exit2() {
        assertEquals(2, run("log", "tail", "-n", "0", "--db", "x.db"));
        assertEquals(2, run("log", "export", "--since", "yesterday", "--db", "x.db"));
        assertEquals(2, run("log", "tail"), "--db or --config is required");
        assertEquals(2, run("log", "tail", "--db", "x.db", "--config", "limen.yaml"), "not both");
    }

    @Test
    void config_namingAScanLog_tailsThatFile_takenFromTheConfigsFolder() throws Exception {
        logOfThree();
        // A relative database: the config's folder (dir), not the test's working directory, must resolve it.
        Path config = terminalConfig("scanlog:\n  database: scanlog.db\n");

        assertEquals(0, run("log", "tail", "-n", "1", "--config", config.toString()), err.toString());

        List<String> lines = out.toString().lines().toList();
        assertEquals(1, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("{\"sequence\":3,\"decided_at\":\"2026-11-30T08:02:00Z\""), lines.get(0));
    }

    @Test
    void config_withoutAScanLog_orInvalid_exits1SayingWhich() throws Exception {
        Path config = terminalConfig("");

        assertEquals(1, run("log", "tail", "--config", config.toString()), out.toString());
        assertEquals("tail: config " + config + " names no scan log (scanlog.database); give the file with --db",
                err.toString().strip());

        err.getBuffer().setLength(0);
        Files.writeString(config, "terminal: [\n");
        assertEquals(1, run("log", "tail", "--config", config.toString()));
        assertTrue(err.toString().startsWith("tail: config " + config + " has 1 problem(s), the first: " + config + ":"), err.toString());
        assertTrue(err.toString().strip().endsWith("'limen agent config check " + config + "' lists them all"), err.toString());
    }

    /** A valid terminal config in {@code dir} (its trust file and folders made), ending with {@code extra}. */
    private Path terminalConfig(String extra) throws Exception {
        Path trust = Files.writeString(dir.resolve("trust.pem"), io.limen.format.credential.IssuerKey
                .generate(io.limen.format.cose.CoseAlgorithm.EDDSA, new java.security.SecureRandom()).publicKeyPem());
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("logs"));
        return Files.writeString(dir.resolve("limen.yaml"), "terminal:\n  site: hq\n  id: door-1\n"
                + "camera:\n  source:\n    kind: synthetic\n"
                + "credentials:\n  trustFile: " + trust.getFileName() + "\npaths:\n  state: state\n  logs: logs\n"
                + extra);
    }
}
