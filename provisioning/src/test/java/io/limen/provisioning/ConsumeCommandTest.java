package io.limen.provisioning;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.testing.Mosquitto;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code limen provision consume} as a person runs it: options, a real broker, the end by Ctrl-C. */
class ConsumeCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Mosquitto broker;

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.stop();
        }
    }

    /** A run of the command in this JVM, ended by the test as a signal would. */
    private final class Run {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicReference<Runnable> stop = new AtomicReference<>();
        final CompletableFuture<Integer> exit;

        Run(String... args) {
            CommandLine cli = new CommandLine(new ConsumeCommand(Clock.systemUTC(), new SecureRandom(), stop::set));
            cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
            exit = CompletableFuture.supplyAsync(() -> cli.execute(args));
        }

        String err() {
            synchronized (err) {
                return err.toString();
            }
        }

        int interrupt() throws Exception {
            await().atMost(WAIT).until(() -> stop.get() != null);
            stop.get().run(); // as the shutdown hook does: returns once the command has ended
            return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static String json(String terminal, long... sequences) {
        StringBuilder records = new StringBuilder();
        for (long s : sequences) {
            records.append(records.isEmpty() ? "" : ",").append("{\"sequence\":").append(s)
                    .append(",\"decidedAt\":\"2026-11-30T14:00:00Z\",\"granted\":true,\"reason\":\"ok\","
                            + "\"micros\":{\"decode\":1,\"verify\":2,\"decide\":3,\"frameToRelay\":4}}");
        }
        return "{\"schemaVersion\":1,\"batchId\":\"" + UUID.randomUUID() + "\",\"terminal\":\"" + terminal + "\",\"site\":\"site-1\","
                + "\"firstSequence\":" + sequences[0] + ",\"lastSequence\":" + sequences[sequences.length - 1]
                + ",\"createdAt\":\"2026-11-30T14:00:01Z\",\"records\":[" + records + "]}";
    }

    private void publish(String topic, String payload, Map<String, String> userProperties, boolean retained) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.uri(), "test-terminal", new MemoryPersistence());
        client.connect().waitForCompletion(10_000);
        MqttProperties properties = new MqttProperties();
        List<UserProperty> list = new ArrayList<>();
        userProperties.forEach((k, v) -> list.add(new UserProperty(k, v)));
        properties.setUserProperties(list);
        client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, retained, properties)).waitForCompletion(10_000);
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }

    private static final Map<String, String> BATCH = Map.of("limen-schema", "1", "content-encoding", "identity");

    @Test
    void badOptions_areUsageErrors_namingTheOption() {
        assertUsage("--broker must be tcp://HOST:PORT, or ssl://HOST:PORT with --ca-file, but was ssl://x:8883 without --ca-file",
                "--broker", "ssl://x:8883");
        assertUsage("--broker must be tcp://HOST:PORT, or ssl://HOST:PORT with --ca-file, but was tcp://x:1 with --ca-file",
                "--broker", "tcp://x:1", "--ca-file", "ca.pem");
        assertUsage("--broker must be tcp://HOST:PORT, or ssl://HOST:PORT with --ca-file, but was http://x", "--broker", "http://x");
        assertUsage("--group must be non-empty without / + or #, but was a/b", "--broker", "tcp://x:1", "--group", "a/b");
        assertUsage("--prefix must be topic levels (+ allowed, # not), but was limen/#", "--broker", "tcp://x:1", "--prefix", "limen/#");
        assertUsage("'PT0S' must be a positive duration", "--broker", "tcp://x:1", "--status-every", "PT0S");
        assertUsage("Missing required option: '--broker=URI'");
    }

    private static void assertUsage(String message, String... args) {
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "consume";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = ProvisionCommand.run(all, Clock.systemUTC(), new SecureRandom(), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true), FileSet.Steps.NONE);
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains(message), err.toString());
    }

    @Test
    void itWritesTheScansToOut_printsTheTableAsAsked_andAtTheEnd() throws Exception {
        broker = new Mosquitto(dir).start();
        publish("limen/site-1/door-3/status", "online", Map.of(), true);
        Path out = dir.resolve("scans.jsonl");
        Files.writeString(out, "{\"earlier\":true}\n"); // appended to, never replaced
        Run run = new Run("--broker", broker.uri(), "--client-id", "central-1", "--out", out.toString(), "--status-every", "PT0.2S");
        await().atMost(WAIT).until(() -> run.err().contains(" connected to "));

        publish("limen/site-1/door-3/scans", json("door-3", 1, 2, 3), BATCH, false);
        publish("limen/site-1/door-3/scans", json("door-3", 3, 6), BATCH, false);
        await().atMost(WAIT).until(() -> Files.readAllLines(out).size() == 5); // 1, 2, 3 and 6 after the line there was
        await().atMost(WAIT).until(() -> run.err().contains("site-1/door-3") && run.err().contains("online since"));

        assertEquals(0, run.interrupt());
        List<String> lines = Files.readAllLines(out);
        assertEquals("{\"earlier\":true}", lines.getFirst());
        assertTrue(lines.get(4).startsWith("{\"site\":\"site-1\",\"terminal\":\"door-3\",\"sequence\":6,"), lines.get(4));
        String err = run.err();
        assertTrue(err.contains("gap site-1/door-3 4..5 opened (2 missing)"), err);
        String last = err.substring(err.lastIndexOf("fleet at "));
        assertTrue(last.startsWith("fleet at ") && last.contains(": 1 terminal, 2 batches, 4 scans written, 1 duplicates dropped, 0 refused"), last);
        assertTrue(last.lines().anyMatch(l -> l.matches("site-1/door-3 +\\S+ +6 +4 +1 +1 +2 +online since \\S+ +– +–")), last);
    }

    @Test
    void whenTheOutputCannotBeWritten_itStops_withExit1_andOneLineSayingWhy() throws Exception {
        broker = new Mosquitto(dir).start();
        Run run = new Run("--broker", broker.uri(), "--out", "/dev/full"); // every write: No space left on device
        await().atMost(WAIT).until(() -> run.err().contains(" connected to "));
        publish("limen/site-1/door-3/scans", json("door-3", 1), BATCH, false);

        assertEquals(1, run.exit.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(run.err().contains("consume: cannot write the scans to /dev/full: No space left on device; the batch is left unacknowledged"),
                run.err());
    }

    @Test
    void anOutFileThatCannotBeOpened_isExit1_beforeConnecting() throws Exception {
        Run run = new Run("--broker", "tcp://127.0.0.1:1", "--out", dir.toString());
        assertEquals(1, run.exit.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(!run.err().contains("connect"), run.err());
    }

    @Test
    void ctrlC_endsARealProcess_afterPrintingTheTable() throws Exception {
        broker = new Mosquitto(dir).start();
        Path err = dir.resolve("err.txt");
        Process child = ChildJvm.withDefaultSigint(ChildJvm.command(dir, Map.of(), ProvisionCommand.class.getName(), "consume", "--broker", broker.uri()))
                .redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            await().atMost(WAIT).until(() -> Files.readString(err).contains(" connected to "));
            publish("limen/site-1/door-7/scans", json("door-7", 10, 11), BATCH, false);
            await().atMost(WAIT).until(() -> Files.readAllLines(dir.resolve("out.txt")).size() == 2);

            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertTrue(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "ended on SIGINT");
            assertEquals(130, child.exitValue());
            String table = Files.readString(err);
            assertTrue(table.lines().anyMatch(l -> l.matches("site-1/door-7 +\\S+ +11 +2 +0 +0 +0 +– +– +–")), table);
        } finally {
            child.destroyForcibly();
        }
    }
}
