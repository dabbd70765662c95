package io.limen.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.selftest.Check;
import io.limen.agent.selftest.ClockState;
import io.limen.agent.selftest.SelfTest;
import io.limen.config.AgentConfig;
import io.limen.config.BoardProfile;
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
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code selftest}'s relay read-back on the simulated jig: the HAT's relay with its contact wired to
 * BCM 26 (as {@code JigGateTest}'s jig wires it), a relay that never switches (contact unwired: the
 * pull-up), and a board without the input. Waits go through the selftest's pause, recorded, never slept.
 */
class SimulatedSelfTestTest {

    private static final int READ_BACK = 26;

    @TempDir
    Path dir;

    private SimulatedRig rig;

    @AfterEach
    void close() {
        rig.close();
    }

    private Check readBack(BoardProfile board, boolean wired, List<Long> pauses) throws Exception {
        rig = new SimulatedRig(board);
        if (wired) {
            rig.wireRelayContact(READ_BACK);
        }
        Path trust = Files.writeString(dir.resolve("trust.pem"), IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom()).publicKeyPem());
        AgentConfig config = AgentConfig.defaults(trust).withPaths(new PathsConfig(dir, dir)).withBoard(board);
        List<Check> checks = new SelfTest(config, rig.context(), true, ClockState.synchronisedAt(Instant.parse("2026-11-30T16:00:00Z")),
                pauses::add, counters -> {
                    throw new AssertionError("synthetic camera: not opened");
                }, SelfTest.Options.DEFAULTS).run();
        assertEquals(Check.Status.PASS, checks.get(0).status(), "the jig holds every input at rest: " + checks.get(0).detail());
        assertFalse(rig.context().hasIO("relay-readback"), "the read-back input is released after the test");
        return checks.stream().filter(c -> c.name().equals("relay-readback")).findFirst().orElseThrow();
    }

    @Test
    void relayWhoseContactFollows_passes_forAnActiveHighAndAnActiveLowRelay() throws Exception {
        for (BoardProfile board : List.of(BoardProfiles.LIMEN_HAT_V1, BoardProfiles.WAVESHARE_RELAY_3CH.withRelayPin(17),
                BoardProfiles.MAGLOCK_DOOR)) {
            List<Long> pauses = new ArrayList<>();
            Check check = readBack(board.withRelayReadBackPin(OptionalInt.of(READ_BACK)), true, pauses);
            assertEquals(Check.Status.PASS, check.status(), board.name() + ": " + check.detail());
            assertEquals("relay read-back (BCM 26) followed the relay: pulled in within 0 ms, released within 0 ms", check.detail());
            assertEquals(0L, check.facts().get("pullInMs"));
            rig.close();
        }
        rig = new SimulatedRig(BoardProfiles.LIMEN_HAT_V1);
    }

    @Test
    void relayThatNeverSwitches_fails_afterWaitingItsSettleTime() throws Exception {
        List<Long> pauses = new ArrayList<>();
        Check check = readBack(BoardProfiles.LIMEN_HAT_V1.withRelayReadBackPin(OptionalInt.of(READ_BACK)), false, pauses);
        assertTrue(check.blocks(), check.detail());
        assertEquals("relay read-back (BCM 26) stayed RELEASED while the relay was energised for 200 ms: the relay did not switch"
                + " (coil, its driver or supply), or the read-back wire is open", check.detail());
        long waitedForContact = pauses.stream().filter(n -> n == 5_000_000L).mapToLong(Long::longValue).sum();
        assertEquals(205_000_000L, waitedForContact, "41 polls of 5 ms, 0..200 ms, then given up");
    }

    @Test
    void boardWithoutTheInput_saysNotWired_andThatIsNoFailure() throws Exception {
        Check check = readBack(BoardProfiles.TRIPOD_TURNSTILE, false, new ArrayList<>());
        assertEquals(Check.Status.SKIP, check.status());
        assertFalse(check.needed());
        assertTrue(check.detail().startsWith("not wired (board.pins.relayReadBack unset)"), check.detail());
    }
}
