package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.config.ScanLogConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanlog section: every key to {@link ScanLogConfig}, its ranges (the record's own) and unknown keys at their line and column. */
class ScanLogSectionTest {

    @TempDir
    Path dir;

    /** Lines 1-4; the scanlog section starts at line 5. */
    private static final String REST = """
            terminal: {site: hq, id: door-1}
            credentials: {trustFile: trust.pem}
            camera: {source: {kind: synthetic}}
            paths: {state: state, logs: logs}
            """;

    @BeforeEach
    void files() throws IOException {
        ConfigLoads.writeNamedFiles(dir);
    }

    private Path write(String scanlog) throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), REST + scanlog);
    }

    private ScanLogConfig scanLog(String scanlog) throws IOException {
        return ConfigLoads.loaded(write(scanlog)).scanLog();
    }

    private List<String> problems(String scanlog) throws IOException {
        return ConfigLoads.problems(write(scanlog));
    }

    @Test
    void leftOut_isNoScanLog() throws IOException {
        assertEquals(ScanLogConfig.NONE, scanLog(""));
    }

    @Test
    void everyKey_landsInTheRecord_theDatabaseFromTheFilesFolder() throws IOException {
        ScanLogConfig log = scanLog("""
                scanlog:
                  database: state/scanlog.db
                  maxBytes: 1048576
                  retentionMs: 86400000
                  queueCapacity: 64
                  memoryRecords: 500
                  busyTimeoutMs: 250
                """);

        assertEquals(new ScanLogConfig(Optional.of(dir.resolve("state/scanlog.db")), 1_048_576, Duration.ofDays(1), 64, 500,
                Duration.ofMillis(250)), log);
    }

    @Test
    void onlyTheDatabaseGiven_takesTheRecordsDefaults() throws IOException {
        assertEquals(ScanLogConfig.at(dir.resolve("state/scanlog.db")), scanLog("scanlog: {database: state/scanlog.db}\n"));
    }

    @Test
    void valuesOutsideTheRecordsRanges_areEachReportedAtTheirLineAndColumn() throws IOException {
        assertEquals(List.of(
                        "6:13 scanlog.maxBytes: 65535 — must be between 65536 and 68719476736",
                        "7:16 scanlog.retentionMs: 31622400001 — must be between 0 and 31622400000",
                        "8:18 scanlog.queueCapacity: 15 — must be between 16 and 65536",
                        "9:18 scanlog.memoryRecords: -1 — must be between 0 and 1000000",
                        "10:18 scanlog.busyTimeoutMs: 60001 — must be between 0 and 60000"),
                problems("""
                        scanlog:
                          maxBytes: 65535
                          retentionMs: 31622400001
                          queueCapacity: 15
                          memoryRecords: -1
                          busyTimeoutMs: 60001
                        """));
    }

    @Test
    void theRangesAtTheirEdges_areAccepted() throws IOException {
        ScanLogConfig log = scanLog("""
                scanlog:
                  maxBytes: 68719476736
                  retentionMs: 0
                  queueCapacity: 65536
                  memoryRecords: 1000000
                  busyTimeoutMs: 60000
                """);
        assertEquals(ScanLogConfig.MAX_BYTES.max(), log.maxBytes());
        assertEquals(Duration.ZERO, log.retention());
        assertEquals(Duration.ofSeconds(60), log.busyTimeout());
    }

    @Test
    void unknownKeys_andADatabaseInAMissingFolder_areReportedAtTheirLineAndColumn() throws IOException {
        List<String> problems = problems("""
                scanlog:
                  busyTimeout: 1000
                  max_bytes: 1048576
                  database: nowhere/scanlog.db
                """);

        assertEquals(3, problems.size(), problems.toString());
        assertEquals("6:3 scanlog.busyTimeout: unknown key — did you mean scanlog.busyTimeoutMs?", problems.get(0));
        assertEquals("7:3 scanlog.max_bytes: unknown key — did you mean scanlog.maxBytes?", problems.get(1));
        assertTrue(problems.get(2).startsWith("8:13 scanlog.database: nowhere/scanlog.db"), problems.get(2));
    }
}
