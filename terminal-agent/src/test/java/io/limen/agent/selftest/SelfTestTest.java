package io.limen.agent.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProviderImpl;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import io.limen.config.AgentConfig;
import io.limen.config.BoardProfiles;
import io.limen.config.PathsConfig;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.IssuerKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The technician's checks on mock pins whose inputs come up at chosen levels. */
class SelfTestTest {

    static final Instant NOW = Instant.parse("2026-11-30T16:00:00Z");

    @TempDir
    Path dir;

    private Context context;

    @AfterEach
    void shutDown() {
        if (context != null) {
            context.shutdown();
        }
    }

    /** Mock inputs that read {@code levels} by Pi4J id from the start (the wiring at rest, or not). */
    private static Context pins(Map<String, DigitalState> levels) {
        return Pi4J.newContextBuilder().noAutoDetect()
                .add(new MockDigitalInputProviderImpl() {
                    @Override
                    public DigitalInput create(DigitalInputConfig config) {
                        return ((MockDigitalInput) super.create(config)).mockState(levels.getOrDefault(config.id(), DigitalState.LOW));
                    }
                }, MockDigitalOutputProvider.newInstance())
                .disableShutdownHook()
                .build();
    }

    private AgentConfig config() throws Exception {
        Path trust = Files.writeString(dir.resolve("trust.pem"),
                IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom()).publicKeyPem());
        return AgentConfig.defaults(trust).withPaths(new PathsConfig(dir, dir));
    }

    /** A selftest whose camera source, if the config names one, is never a synthetic one here. */
    private static SelfTest selfTest(AgentConfig config, Context pins, boolean realPins, Instant now, SelfTest.Pause pause) {
        return new SelfTest(config, pins, realPins, ClockState.synchronisedAt(now), pause, counters -> {
            throw new AssertionError("the default config's camera is synthetic: not opened");
        }, SelfTest.Options.DEFAULTS);
    }

    static Check named(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void boardAtRest_passes_andTheRelayReallyClicks() throws Exception {
        context = pins(Map.of("fire-alarm", DigitalState.LOW, "exit-button", DigitalState.HIGH));
        List<DigitalState> relayDuringClick = new ArrayList<>();
        List<Check> checks = selfTest(config(), context, true, NOW, nanos ->
                relayDuringClick.add(context.io("relay", DigitalOutput.class).state())).run();

        assertEquals(Check.Status.PASS, named(checks, "inputs").status(), named(checks, "inputs").detail());
        assertEquals(Check.Status.PASS, named(checks, "outputs").status());
        assertEquals(List.of(DigitalState.HIGH), relayDuringClick, "the HAT's relay energised during the click");
        assertFalse(context.hasIO("relay"), "the pins are released after the test");
        assertTrue(checks.stream().noneMatch(Check::blocks), checks.toString());
    }

    @Test
    void relayContactClosedAtRest_isAWeldedContact_andBlocks() throws Exception {
        context = pins(Map.of("fire-alarm", DigitalState.LOW, "exit-button", DigitalState.HIGH, "relay-readback", DigitalState.LOW));
        AgentConfig config = config().withBoard(BoardProfiles.LIMEN_HAT_V1.withRelayReadBackPin(java.util.OptionalInt.of(26)));
        List<Check> checks = selfTest(config, context, true, NOW, nanos -> { }).run();
        Check readBack = named(checks, "relay-readback");
        assertTrue(readBack.blocks());
        assertEquals("relay read-back (BCM 26) reads PULLED IN with the relay de-energised: a welded contact, or the input wired"
                + " to the NC contact or shorted to GND", readBack.detail());
        assertFalse(context.hasIO("relay-readback"), "released after the test");
    }

    @Test
    void fireLoopOpen_andAStuckExitButton_areNamed_andBlock() throws Exception {
        context = pins(Map.of("fire-alarm", DigitalState.HIGH, "exit-button", DigitalState.LOW));
        Check inputs = named(selfTest(config(), context, true, NOW, nanos -> { }).run(), "inputs");

        assertTrue(inputs.blocks());
        assertEquals("fire alarm (BCM 5) reads ALARM: the panel is in alarm, or the loop is open or cut; exit button (BCM 6)"
                + " reads PRESSED: stuck, or wired normally closed", inputs.detail());
    }

    @Test
    void doorStandingOpen_onTheMaglockBoard_isNamed() throws Exception {
        context = pins(Map.of("fire-alarm", DigitalState.LOW, "exit-button", DigitalState.HIGH, "door-contact", DigitalState.HIGH));
        Check inputs = named(selfTest(config().withBoard(BoardProfiles.MAGLOCK_DOOR), context, true, NOW, nanos -> { }).run(),
                "inputs");
        assertEquals("door contact (BCM 16) reads OPEN: close the door, or check the reed and its wire", inputs.detail());
    }

    @Test
    void revocationStore_isReadAndQuickChecked_andDiskCountsEachFileSystemOnce() throws Exception {
        context = pins(Map.of());
        Path store = dir.resolve("revocations.db");
        try (io.limen.agent.revocation.RevocationStore s = io.limen.agent.revocation.RevocationStore.open(
                io.limen.agent.revocation.SqliteConnections.file(store))) {
            s.replaceAll(3, List.of(io.limen.format.credential.RevocationKey.of("https://acme.example", new byte[] {9})));
        }
        List<Check> checks = selfTest(config().withRevocation(io.limen.config.RevocationConfig.at(store)), context, false, NOW,
                nanos -> { }).run();
        Check revocation = named(checks, "revocation");
        assertEquals("version 3, 1 revoked, in " + store + "; quick_check ok", revocation.detail());
        assertEquals("ok", revocation.facts().get("quickCheck"));
        Check disk = named(checks, "disk");
        assertEquals(Check.Status.PASS, disk.status(), disk.detail());
        assertEquals(1, disk.detail().split("; ").length, "state, logs and the store share one file system: " + disk.detail());
    }

    @Test
    void bound_isEveryLimitAddedUp_asDocumented() throws Exception {
        context = pins(Map.of());
        assertEquals(java.time.Duration.ofSeconds(103), selfTest(config(), context, false, NOW, nanos -> { }).bound(),
                "docs/commands.md states 98 s + the camera window");
    }

    @Test
    void unsetClock_andATrustFileWithoutKeys_block() throws Exception {
        context = pins(Map.of());
        Files.writeString(dir.resolve("empty.pem"), "");
        AgentConfig config = config().withCredentials(new io.limen.config.CredentialsConfig(dir.resolve("empty.pem")));
        List<Check> checks = selfTest(config, context, false, Instant.parse("1970-01-01T00:00:42Z"), nanos -> { }).run();

        assertTrue(named(checks, "clock").blocks(), named(checks, "clock").detail());
        assertTrue(named(checks, "trust").blocks(), named(checks, "trust").detail());
        assertEquals(Check.Status.SKIP, named(checks, "inputs").status(), "simulated pins are not read");
    }
}
