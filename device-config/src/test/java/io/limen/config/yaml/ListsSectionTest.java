package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.config.ListsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lists section: the list-signing keys, the maximum age, and the two degraded modes. */
class ListsSectionTest {

    @TempDir
    Path dir;

    private static final String REST = """
            terminal: {site: hq, id: door-1, zone: lab}
            credentials: {trustFile: trust.pem}
            camera: {source: {kind: synthetic}}
            paths: {state: state, logs: logs}
            """;

    @BeforeEach
    void files() throws IOException {
        ConfigLoads.writeNamedFiles(dir);
    }

    private Path write(String lists) throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), REST + lists);
    }

    @Test
    void leftOut_isAdmitWithWarning_after48Hours_withoutSigners() throws IOException {
        assertEquals(ListsConfig.DEFAULTS, ConfigLoads.loaded(write("")).lists());
        assertEquals(new ListsConfig(Optional.empty(), Optional.empty(), Duration.ofHours(48), ListsConfig.Degraded.ADMIT_WITH_WARNING,
                ListsConfig.Degraded.ADMIT_WITH_WARNING), ListsConfig.DEFAULTS);
    }

    @Test
    void everyKey_landsInTheRecord_pathsRelativeToTheConfig() throws IOException {
        Files.writeString(dir.resolve("list-signers.pem"), "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n");
        Files.createDirectory(dir.resolve("drop"));
        ListsConfig lists = ConfigLoads.loaded(write("""
                lists:
                  signers: list-signers.pem
                  dropFolder: drop
                  maxAgeMs: 3600000
                  whenStale: admit-issued-before
                  whenClockUnsynced: refuse
                """)).lists();
        assertEquals(new ListsConfig(Optional.of(dir.resolve("list-signers.pem")), Optional.of(dir.resolve("drop")), Duration.ofHours(1),
                ListsConfig.Degraded.ADMIT_ISSUED_BEFORE, ListsConfig.Degraded.REFUSE), lists);
    }

    @Test
    void anUnknownMode_orAnAgeOutOfRange_isRefused_namingTheKey() throws IOException {
        List<String> problems = ConfigLoads.problems(write("""
                lists:
                  maxAgeMs: 1000
                  whenStale: panic
                """));
        assertTrue(problems.stream().anyMatch(p -> p.contains("lists.maxAgeMs")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("lists.whenStale") && p.contains("panic")), problems::toString);
    }
}
