package io.limen.agent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.testing.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code limen demo} with mosquitto installed (CI installs it): it starts a broker for itself, and what a
 * subscriber received is printed — online, every decided scan in some batch, offline.
 */
class DemoUplinkTest {

    @TempDir
    Path dir;

    @Test
    void demo_startsABroker_andPrintsEveryDecisionAsItArrivedInBatches() throws Exception {
        ChildJvm.Result demo = ChildJvm.agent(List.of(), "demo", "--dir", dir.resolve("demo").toString());

        assertEquals(0, demo.exitCode(), demo.toString());
        String out = demo.out();
        assertTrue(out.startsWith("uplink: scan log → MQTT 5 batches to "), out);
        assertTrue(out.contains("limen/demo/lobby-1/status  online"), out);
        assertTrue(out.contains("limen/demo/lobby-1/status  offline"), out);
        TreeSet<Long> sent = new TreeSet<>();
        Matcher batch = Pattern.compile("/scans  batch (\\d+)\\.\\.(\\d+) ").matcher(out);
        while (batch.find()) {
            LongStream.rangeClosed(Long.parseLong(batch.group(1)), Long.parseLong(batch.group(2))).forEach(sent::add);
        }
        // Every decision, granted or denied, is a scan logged and sent, and so is every event the gate saw at the
        // turnstile; frames without a readable code are not decisions.
        Matcher summary = Pattern.compile("demo: \\d+ scans, (\\d+) granted, (\\d+) denied").matcher(out);
        assertTrue(summary.find(), out);
        long decided = Long.parseLong(summary.group(1)) + Long.parseLong(summary.group(2));
        assertTrue(decided >= 10, out);
        Matcher gate = Pattern.compile("demo: the gate saw (.*)").matcher(out);
        assertTrue(gate.find(), out);
        long events = Pattern.compile(" (\\d+)").matcher(gate.group(1)).results().mapToLong(m -> Long.parseLong(m.group(1))).sum();
        assertEquals(6, events, gate.group());
        assertEquals(LongStream.rangeClosed(1, decided + events).boxed().collect(Collectors.toCollection(TreeSet::new)), sent, out);
    }
}
