package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.config.AgentConfig;
import io.limen.config.BoardProfiles;
import io.limen.config.GateDriver;
import io.limen.config.LogLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a config file: a good one to its records, a bad one to every problem at its line and column. */
class ConfigFileTest {

    @TempDir
    Path dir;

    /** The smallest valid config here: the required keys and the two folders (the defaults are a Pi's). */
    static final String MINIMAL = """
            terminal:
              site: hq
              id: door-1
            credentials:
              trustFile: trust.pem
            camera: {source: {kind: synthetic}}
            paths:
              state: state
              logs: logs
            """;

    @BeforeEach
    void files() throws IOException {
        ConfigLoads.writeNamedFiles(dir);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    private List<String> problems(String yaml) throws IOException {
        return ConfigLoads.problems(write(yaml));
    }

    private AgentConfig loaded(String yaml) throws IOException {
        return ConfigLoads.loaded(write(yaml));
    }

    @Test
    void minimalFile_takesEveryDefault_andResolvesPathsFromItsFolder() throws IOException {
        AgentConfig config = loaded(MINIMAL);

        assertEquals("hq", config.terminal().site());
        assertEquals("door-1", config.terminal().id());
        assertEquals(Optional.empty(), config.terminal().zone());
        assertEquals(BoardProfiles.LIMEN_HAT_V1, config.board());
        assertEquals(dir.resolve("trust.pem"), config.credentials().trustFile());
        assertEquals(Duration.ofSeconds(60), config.credentials().clockSkew());
        assertEquals(Duration.ofMillis(800), config.gate().grantPulse());
        assertEquals(GateDriver.PI4J, config.gate().driver());
        assertEquals(dir.resolve("state"), config.paths().state());
        assertEquals(LogLevel.INFO, config.logging().level());
        AgentConfig defaults = AgentConfig.defaults(dir.resolve("trust.pem"));
        assertEquals(defaults.camera(), config.camera());
        assertEquals(defaults.decoder(), config.decoder());
        assertEquals(defaults.revocation(), config.revocation());
    }

    @Test
    void everyKeyGiven_landsInItsRecord() throws IOException {
        AgentConfig config = loaded("""
                terminal: {site: hq, id: door-1, zone: lobby}
                board:
                  profile: waveshare-relay-3ch
                  pins: {greenLed: 5, exitButton: 6}
                  relayActiveHigh: true
                camera: {width: 640, height: 480, framesPerSecond: 15, buffers: 4, source: {kind: synthetic}}
                decoder: {tryHarder: true, maxImagePixels: 1000}
                gate: {pulseMs: 500, denyMs: 2000, fireAlarmDebounceMs: 0, driver: simulated}
                credentials: {trustFile: trust.pem, clockSkewMs: 0}
                revocation: {database: state/revocations.db, busyTimeoutMs: 250}
                paths: {state: state, logs: logs}
                logging: {level: debug}
                """);

        assertEquals(Optional.of("lobby"), config.terminal().zone());
        assertEquals(new io.limen.config.BoardProfile("waveshare-relay-3ch", 26, 5, 24, 16, 6, true), config.board());
        assertEquals(new io.limen.config.CameraConfig(640, 480, 15, 4), config.camera());
        assertEquals(new io.limen.config.DecoderConfig(true, 1000), config.decoder());
        assertEquals(new io.limen.config.GateConfig(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ZERO,
                GateDriver.SIMULATED), config.gate());
        assertEquals(Duration.ZERO, config.credentials().clockSkew());
        assertEquals(Optional.of(dir.resolve("state/revocations.db")), config.revocation().database());
        assertEquals(Duration.ofMillis(250), config.revocation().busyTimeout());
        assertEquals(LogLevel.DEBUG, config.logging().level());
    }

    @Test
    void tenMistakes_areAllReportedInOneRun_withTheirLinesAndColumns() throws IOException {
        List<String> problems = problems("""
                terminal:
                  site: hq
                  id: "  door-1"
                board:
                  pins:
                    greenLed: 17
                camera:
                  source: {kind: synthetic}
                  width: 100000
                gate:
                  pulse_ms: 500
                  denyMs: 0
                  driver: gpio
                  denyMs: 100
                credentials:
                  trustFile: missing.pem
                  clockSkewMs: soon
                paths: {state: state, logs: logs}
                uplink:
                  brokerUri: mqtt.example
                """);

        assertEquals(List.of(
                "3:7 terminal.id: \"  door-1\" — must be 1 to 64 characters without surrounding blanks or control characters",
                "6:15 board.pins.greenLed: 17 — already the pin of board.pins.relay (profile limen-hat-v1); each role needs its own pin",
                "9:10 camera.width: 100000 — must be between 160 and 4096",
                "11:3 gate.pulse_ms: unknown key — did you mean gate.pulseMs?",
                "12:11 gate.denyMs: 0 — must be between 100 and 30000",
                "13:11 gate.driver: \"gpio\" — must be one of pi4j, simulated",
                "14:3 gate.denyMs: duplicate key (first at line 12) — give each key once",
                "16:14 credentials.trustFile: missing.pem (" + dir.resolve("missing.pem")
                        + ") does not exist — must be an existing file",
                "17:16 credentials.clockSkewMs: \"soon\" — must be a whole number between 0 and 3600000",
                "20:14 uplink.brokerUri: must be tcp://host:port or ssl://host:port, but was \"mqtt.example\""),
                problems);
    }

    @Test
    void effectiveConfig_showsEveryKeyWithDefaultsAndResolvedPins_andLoadsBackToTheSameConfig() throws IOException {
        LoadResult.Loaded first = assertInstanceOf(LoadResult.Loaded.class,
                ConfigFile.load(write(MINIMAL + "board:\n  pins: {greenLed: 20}\n")));

        String effective = first.effective();
        assertTrue(effective.contains("""
                board:
                  profile: limen-hat-v1
                  pins:
                    relay: 17
                    greenLed: 20
                    redLed: 22
                    fireAlarm: 5
                    exitButton: 6
                    doorContact: null
                    passageEntry: null
                    passageExit: null
                    buzzer: null
                    relayReadBack: null
                  relayActiveHigh: true
                  lockFailMode: fail-secure
                  debounce:
                    exitButtonMs: 20
                    doorContactMs: null
                    passageEntryMs: null
                    passageExitMs: null
                """), effective);
        assertTrue(effective.contains("  zone: null\n"), effective);
        assertTrue(effective.contains("  trustFile: " + dir.resolve("trust.pem") + "\n"), effective);
        assertTrue(effective.contains("  pulseMs: 800\n"), effective);

        Path again = Files.writeString(dir.resolve("sub-folder-free-effective.yaml"), effective);
        LoadResult.Loaded second = assertInstanceOf(LoadResult.Loaded.class, ConfigFile.load(again));
        assertEquals(first.config(), second.config());
        assertEquals(effective, second.effective());
    }
}
