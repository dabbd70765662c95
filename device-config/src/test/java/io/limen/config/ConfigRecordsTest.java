package io.limen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every stage's record: the defaults in one place, and impossible values refused with field, rule and value. */
class ConfigRecordsTest {

    @Test
    void defaults_areTheValuesTheAgentRunsWith() {
        AgentConfig config = AgentConfig.defaults(Path.of("trust.pem"));

        assertEquals(Duration.ofMillis(800), config.gate().grantPulse());
        assertEquals(Duration.ofMillis(1500), config.gate().denyShow());
        assertEquals(Duration.ofMillis(10), config.gate().fireAlarmDebounce());
        assertEquals(Duration.ofSeconds(60), config.credentials().clockSkew());
        assertEquals(Duration.ofSeconds(5), config.revocation().busyTimeout());
        assertEquals(Optional.empty(), config.revocation().database());
        assertEquals(40_000_000L, config.decoder().maxImagePixels());
        assertEquals(Optional.empty(), config.terminal().zone());
        assertEquals(BoardProfiles.LIMEN_HAT_V1, config.board());
        assertEquals(new CameraConfig(1280, 720, 30, 3), config.camera());
    }

    @Test
    void grantPulseOfZero_namesFieldRangeAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GateConfig(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO));
        assertEquals("gate.grantPulse must be within 50..10000 ms, but was 0 ms", e.getMessage());
    }

    @Test
    void denyShowAndDebounceOutOfRange_areRefused() {
        var show = assertThrows(IllegalArgumentException.class, () -> new GateConfig(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ZERO));
        assertEquals("gate.denyShow must be within 100..30000 ms, but was 60000 ms", show.getMessage());
        var debounce = assertThrows(IllegalArgumentException.class,
                () -> new GateConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(-1)));
        assertEquals("gate.fireAlarmDebounce must be within 0..1000 ms, but was -1 ms", debounce.getMessage());
    }

    @Test
    void clockSkewBeyondItsLimit_isRefused_theLimitWrittenOnce() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CredentialsConfig(Path.of("t.pem"), CredentialsConfig.MAX_CLOCK_SKEW.plusSeconds(1)));
        assertEquals("credentials.clockSkew must be within 0..3600000 ms, but was 3601000 ms", e.getMessage());
        assertEquals(Duration.ofHours(1), new CredentialsConfig(Path.of("t.pem"), Duration.ofHours(1)).clockSkew());
    }

    @Test
    void missingTrustFile_isRefusedNamingTheField() {
        var e = assertThrows(NullPointerException.class, () -> new CredentialsConfig(null));
        assertEquals("credentials.trustFile must be set", e.getMessage());
    }

    @Test
    void busyTimeoutOutOfRange_isRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RevocationConfig(Optional.empty(), Duration.ofMinutes(2)));
        assertEquals("revocation.busyTimeout must be within 0..60000 ms, but was 120000 ms", e.getMessage());
    }

    @Test
    void imageSizeCapOutOfRange_isRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DecoderConfig(false, 0));
        assertEquals("decoder.maxImagePixels must be within 1..100000000, but was 0", e.getMessage());
    }

    @Test
    void cameraOutOfRange_isRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CameraConfig(1280, 720, 0, 3));
        assertEquals("camera.framesPerSecond must be within 1..120, but was 0", e.getMessage());
        var buffers = assertThrows(IllegalArgumentException.class, () -> new CameraConfig(1280, 720, 30, 1));
        assertEquals("camera.buffers must be within 2..8, but was 1", buffers.getMessage());
    }

    @Test
    void zoneWithSurroundingBlanksOrBlank_isRefused() {
        var padded = assertThrows(IllegalArgumentException.class, () -> TerminalConfig.ofZone(Optional.of("lobby ")));
        assertEquals("terminal.zone must be 1..64 characters without surrounding blanks or control characters, but was \"lobby \"",
                padded.getMessage());
        var control = assertThrows(IllegalArgumentException.class, () -> new TerminalConfig("hq", "door\n1", Optional.empty()));
        assertEquals("terminal.id must be 1..64 characters without surrounding blanks or control characters, but was \"door?1\"",
                control.getMessage());
    }

    @Test
    void withers_replaceOneStage_andKeepTheRest() {
        AgentConfig config = AgentConfig.defaults(Path.of("trust.pem"));
        AgentConfig zoned = config.withTerminal(TerminalConfig.ofZone(Optional.of("lobby")));

        assertEquals(Optional.of("lobby"), zoned.terminal().zone());
        assertEquals(config.withTerminal(zoned.terminal()), zoned);
        assertEquals(config.gate(), zoned.gate());
        assertEquals(new DecoderConfig(true, 5), config.withDecoder(new DecoderConfig(true, 5)).decoder());
        assertEquals(Optional.of(Path.of("r.db")), config.withRevocation(RevocationConfig.at(Path.of("r.db"))).revocation().database());
    }

    @Test
    void debounce_defaultsAndRanges() {
        assertEquals(new DebounceConfig(Duration.ofSeconds(1), Duration.ofSeconds(10)), AgentConfig.defaults(Path.of("t.pem")).debounce());
        var absence = assertThrows(IllegalArgumentException.class, () -> new DebounceConfig(Duration.ofMillis(99), Duration.ofSeconds(10)));
        assertEquals("debounce.absence must be within 100..60000 ms, but was 99 ms", absence.getMessage());
        var hold = assertThrows(IllegalArgumentException.class, () -> new DebounceConfig(Duration.ofSeconds(1), Duration.ofMillis(999)));
        assertEquals("debounce.hold must be within 1000..3600000 ms, but was 999 ms", hold.getMessage());
    }

    @Test
    void scanLog_defaultsToNone_andItsRangesAreRefusedNamingTheField() {
        assertEquals(ScanLogConfig.NONE, AgentConfig.defaults(Path.of("t.pem")).scanLog());
        ScanLogConfig log = ScanLogConfig.at(Path.of("scanlog.db"));
        assertEquals(Optional.of(Path.of("scanlog.db")), log.database());
        assertEquals(256L * 1024 * 1024, log.maxBytes());
        assertEquals(Duration.ofDays(7), log.retention());
        assertEquals(4096, log.queueCapacity());

        var cap = assertThrows(IllegalArgumentException.class, () -> log.withMaxBytes(1000));
        assertEquals("scanlog.maxBytes must be within 65536..68719476736, but was 1000", cap.getMessage());
        var retention = assertThrows(IllegalArgumentException.class, () -> log.withRetention(Duration.ofDays(400)));
        assertEquals("scanlog.retention must be within 0..31622400000 ms, but was 34560000000 ms", retention.getMessage());
        var queue = assertThrows(IllegalArgumentException.class, () -> new ScanLogConfig(Optional.empty(), log.maxBytes(),
                log.retention(), 8, 0, Duration.ZERO));
        assertEquals("scanlog.queueCapacity must be within 16..65536, but was 8", queue.getMessage());
    }

    @Test
    void everyWith_keepsEveryOtherSection_pathsAndLoggingIncluded() {
        PathsConfig paths = new PathsConfig(Path.of("/srv/state"), Path.of("/srv/logs"));
        LoggingConfig logging = new LoggingConfig(LogLevel.DEBUG);
        AgentConfig base = AgentConfig.defaults(Path.of("trust.pem")).withPaths(paths);
        base = new AgentConfig(base.terminal(), base.board(), base.camera(), base.decoder(), base.debounce(), base.gate(),
                base.credentials(), base.revocation(), base.paths(), logging, ScanLogConfig.at(Path.of("scanlog.db")),
                PolicyConfig.DEFAULTS, java.util.Optional.of(new UplinkConfig("tcp://broker.example:1883", "door-1", "limen/s/door-1",
                        java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1), java.util.Optional.empty(),
                        java.time.Duration.ofHours(1))));

        for (AgentConfig changed : new AgentConfig[] {
                base.withCamera(new CameraConfig(640, 480, 15, 3)), base.withTerminal(base.terminal()),
                base.withDecoder(base.decoder()), base.withDebounce(base.debounce()), base.withGate(base.gate()),
                base.withCredentials(base.credentials()), base.withRevocation(base.revocation()),
                base.withScanLog(base.scanLog()), base.withPaths(paths)}) {
            assertEquals(paths, changed.paths());
            assertEquals(logging, changed.logging());
            assertEquals(base.scanLog(), changed.scanLog());
            assertEquals(base.uplink(), changed.uplink());
        }
    }

    @Test
    void newSections_haveTheirDefaults_andRefuseNothingness() {
        assertEquals(GateDriver.PI4J, GateConfig.DEFAULTS.driver());
        assertEquals(LogLevel.INFO, LoggingConfig.DEFAULTS.level());
        assertEquals(Path.of("/var/lib/limen"), PathsConfig.DEFAULTS.state());
        assertEquals("gate.driver must be set", assertThrows(NullPointerException.class,
                () -> new GateConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, null)).getMessage());
        assertEquals("paths.logs must be set", assertThrows(NullPointerException.class,
                () -> new PathsConfig(Path.of("/s"), null)).getMessage());
        assertEquals("range min must not exceed max, but was 5..4", assertThrows(IllegalArgumentException.class,
                () -> new Range(5, 4)).getMessage());
        assertEquals("must be between 50 and 10000", GateConfig.GRANT_PULSE_MS.rule());
    }
}
