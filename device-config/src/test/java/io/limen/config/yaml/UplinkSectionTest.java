package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limen.config.BatchConfig;
import io.limen.config.UplinkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uplink section: every key to {@link UplinkConfig}, the templates, the record's own rules at their keys. */
class UplinkSectionTest {

    @TempDir
    Path dir;

    /** Lines 1-5; the uplink section starts at line 6. */
    private static final String REST = """
            terminal: {site: hq, id: door-1}
            credentials: {trustFile: trust.pem}
            camera: {source: {kind: synthetic}}
            paths: {state: state, logs: logs}
            scanlog: {database: state/scanlog.db}
            """;

    @BeforeEach
    void files() throws IOException {
        ConfigLoads.writeNamedFiles(dir);
    }

    private Path write(String uplink) throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), REST + uplink);
    }

    private Optional<UplinkConfig> uplink(String uplink) throws IOException {
        return ConfigLoads.loaded(write(uplink)).uplink();
    }

    private List<String> problems(String uplink) throws IOException {
        return ConfigLoads.problems(write(uplink));
    }

    @Test
    void leftOut_isNoUplink() throws IOException {
        assertEquals(Optional.empty(), uplink(""));
    }

    @Test
    void onlyTheBroker_takesTheDefaults_withTheTerminalsNamesInClientIdAndTopics() throws IOException {
        UplinkConfig config = uplink("uplink: {brokerUri: 'tcp://127.0.0.1:1883'}\n").orElseThrow();

        assertEquals(new UplinkConfig("tcp://127.0.0.1:1883", "limen-hq-door-1", "limen/hq/door-1", UplinkConfig.DEFAULT_CONNECT_TIMEOUT,
                UplinkConfig.DEFAULT_PUBLISH_TIMEOUT, UplinkConfig.DEFAULT_BACKOFF_INITIAL, UplinkConfig.DEFAULT_BACKOFF_MAX,
                UplinkConfig.DEFAULT_BACKOFF_RESET, Optional.empty(), UplinkConfig.DEFAULT_SESSION_EXPIRY, 1,
                Duration.ofMinutes(1), BatchConfig.DEFAULTS), config);
        assertEquals("limen/hq/door-1/scans", config.topic("scans"));
    }

    @Test
    void everyKey_landsInTheRecord_theCaFileFromTheFilesFolder() throws IOException {
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        UplinkConfig config = uplink("""
                uplink:
                  brokerUri: ssl://broker.example:8883
                  clientId: gate-{terminal}
                  topicPrefix: fleet/{site}/{terminal}/v1
                  caFile: ca.pem
                  connectTimeoutMs: 2000
                  publishTimeoutMs: 3000
                  sessionExpiryMs: 600000
                  backoffInitialMs: 200
                  backoffMaxMs: 60000
                  backoffResetMs: 30000
                  maxInFlight: 4
                  heartbeatMs: 15000
                  maxBatchesPerMinute: 120
                  batch: {maxRecords: 50, maxAgeMs: 10000, gzipAboveBytes: 0}
                """).orElseThrow();

        assertEquals(new UplinkConfig("ssl://broker.example:8883", "gate-door-1", "fleet/hq/door-1/v1", Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofMinutes(1), Duration.ofSeconds(30),
                Optional.of(dir.resolve("ca.pem")), Duration.ofMinutes(10), 4, Duration.ofSeconds(15),
                new BatchConfig(50, Duration.ofSeconds(10), 0), 120), config);
    }

    @Test
    void theDrainCap_defaultsToOneBatchASecond_andOutOfRangeOrNotAWholeNumberIsRefused() throws IOException {
        assertEquals(60, uplink("uplink: {brokerUri: 'tcp://b:1883'}\n").orElseThrow().maxBatchesPerMinute());
        assertEquals(List.of("8:24 uplink.maxBatchesPerMinute: 0 — must be between 1 and 6000"),
                problems("uplink:\n  brokerUri: tcp://b:1883\n  maxBatchesPerMinute: 0\n"));
        assertEquals(List.of("8:24 uplink.maxBatchesPerMinute: 6001 — must be between 1 and 6000"),
                problems("uplink:\n  brokerUri: tcp://b:1883\n  maxBatchesPerMinute: 6001\n"));
        assertEquals(1, problems("uplink:\n  brokerUri: tcp://b:1883\n  maxBatchesPerMinute: 2.5\n").size());
        assertEquals(1, problems("uplink:\n  brokerUri: tcp://b:1883\n  maxBatchesPerMinute: fast\n").size());
    }

    @Test
    void badValues_areEachReportedAtTheirLineAndColumn() throws IOException {
        assertEquals(List.of(
                        "8:16 uplink.maxInFlight: 0 — must be between 1 and 16",
                        "9:16 uplink.heartbeatMs: 999 — must be between 1000 and 3600000",
                        "10:23 uplink.batch.maxRecords: 5001 — must be between 1 and 5000"),
                problems("""
                        uplink:
                          brokerUri: tcp://b:1883
                          maxInFlight: 0
                          heartbeatMs: 999
                          batch: {maxRecords: 5001}
                        """));
    }

    @Test
    void theRecordsOwnRules_areReportedAtTheKeyTheyName() throws IOException {
        assertEquals(List.of("6:9 uplink: uplink.caFile must be set exactly when uplink.brokerUri is ssl://, but the URI was"
                        + " ssl://b:8883 and caFile was not set"),
                problems("uplink: {brokerUri: 'ssl://b:8883'}\n"));
        assertEquals(List.of("8:20 uplink.sessionExpiryMs: must be whole seconds, but was 1500 ms"),
                problems("""
                        uplink:
                          brokerUri: tcp://b:1883
                          sessionExpiryMs: 1500
                        """));
        assertEquals(List.of("7:14 uplink.brokerUri: must be tcp://host:port or ssl://host:port, but was \"mqtt://b\""),
                problems("uplink:\n  brokerUri: mqtt://b\n"));
    }

    @Test
    void anUplinkWithoutAScanLog_isRefused_itWouldHaveNothingToSend() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), REST.replace("scanlog: {database: state/scanlog.db}\n", "")
                + "uplink: {brokerUri: 'tcp://b:1883'}\n");
        assertEquals(List.of("5:9 uplink: an uplink sends the scan log — set scanlog.database too"), ConfigLoads.problems(file));
    }

    @Test
    void aMissingBroker_isRequired() throws IOException {
        assertEquals(List.of("7:3 uplink.brokerUri: missing — required: a name of 1 to 64 characters"),
                problems("uplink:\n  heartbeatMs: 5000\n"));
    }
}
