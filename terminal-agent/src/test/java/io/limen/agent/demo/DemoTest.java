package io.limen.agent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.ScanOutcome;
import io.limen.agent.display.DisplayMessage;
import io.limen.format.Reason;
import io.limen.agent.gate.GateCommand;
import io.limen.agent.gate.PinActivity.PinEvent;
import io.limen.agent.gate.PinRole;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end, once: every class of code gets its decision, and the pins did what was decided. */
class DemoTest {

    @TempDir
    static Path dir;
    static DemoScenario scenario;
    static List<DemoRun.Outcome> outcomes;
    static String printed;

    @BeforeAll
    static void runDemo() throws Exception {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        scenario = DemoScenario.create(dir.resolve("demo"), now, 2026);
        StringWriter text = new StringWriter();
        DemoReport report = new DemoReport(new PrintWriter(text));
        outcomes = DemoRun.run(scenario, now, report);
        report.summary(outcomes, scenario.dir());
        printed = text.toString();
    }

    @AfterAll
    static void releaseTheFolder() throws IOException {
        scenario.close();
    }

    @Test
    void everyCase_getsTheDecisionItExpects() {
        List<Reason> decided = outcomes.stream().map(o -> o.admission().scan().reason()).toList();

        assertEquals(List.of(Reason.NO_CODE, Reason.OK, Reason.OK, Reason.EXPIRED, Reason.NOT_YET_VALID, Reason.REVOKED,
                Reason.WRONG_ZONE, Reason.BAD_SIGNATURE, Reason.UNTRUSTED_ISSUER, Reason.UNKNOWN_KID, Reason.BAD_PREFIX, Reason.NO_CODE,
                // Dynamic codes: fresh, a 2-minute-old screenshot, the fresh one again; then a valid pass on a holiday.
                Reason.OK, Reason.PRESENTATION_EXPIRED, Reason.REPLAYED,
                // Nobody's code: someone climbs the arm, someone leaves by the exit button.
                Reason.NO_CODE, Reason.NO_CODE, Reason.OUTSIDE_SCHEDULE), decided);
        assertTrue(outcomes.stream().allMatch(DemoRun.Outcome::asExpected));
    }

    @Test
    void grantedScans_pulsedTheRelayAndGreen_readFromThePins() {
        for (DemoRun.Outcome outcome : outcomes) {
            if (outcome.admission().scan().reason() != Reason.OK) {
                continue;
            }
            assertEquals(GateCommand.Kind.GRANTED, outcome.admission().gateCommand().orElseThrow().kind());
            assertEquals(List.of(DigitalState.HIGH, DigitalState.LOW), states(outcome, PinRole.RELAY), outcome.demoCase().label());
            assertEquals(List.of(DigitalState.HIGH, DigitalState.LOW), states(outcome, PinRole.GREEN_LED));
            assertEquals(List.of(), states(outcome, PinRole.RED_LED));
        }
    }

    @Test
    void deniedScans_litRedAndNeverTouchedTheRelay() {
        for (DemoRun.Outcome outcome : outcomes) {
            Reason reason = outcome.admission().scan().reason();
            if (reason == Reason.OK || reason == Reason.NO_CODE) {
                continue;
            }
            assertEquals(List.of(DigitalState.HIGH, DigitalState.LOW), states(outcome, PinRole.RED_LED), outcome.demoCase().label());
            assertEquals(List.of(), states(outcome, PinRole.RELAY), outcome.demoCase().label());
        }
    }

    @Test
    void framesWithoutACode_leaveEveryPinAlone_whenNobodyTouchesTheArm() {
        outcomes.stream().filter(o -> o.admission().scan() instanceof ScanOutcome.NoCode)
                .filter(o -> o.demoCase().act() == DemoCase.Act.NONE).forEach(outcome -> {
            assertTrue(outcome.admission().gateCommand().isEmpty());
            assertEquals(List.of(), outcome.pinEvents());
        });
    }

    @Test
    void eachDecision_isShownOnTheDisplay_framesWithoutACodeShowNothing() {
        List<List<DisplayMessage>> shown = outcomes.stream().map(DemoRun.Outcome::displayed).toList();

        assertEquals(List.of(), shown.get(0), "nobody in front of the camera");
        assertEquals(List.of(new DisplayMessage(true, "welcome, Ada Lovelace")), shown.get(1));
        assertEquals(List.of(new DisplayMessage(false, "refused: expired")), shown.get(3));
        assertEquals(List.of(), shown.get(11), "a damaged code is no code");
        assertEquals(List.of(new DisplayMessage(true, "welcome, Katherine Johnson")), shown.get(12), "her app's fresh code");
        assertEquals(List.of(new DisplayMessage(false, "refused: presentation_expired")), shown.get(13));
        assertEquals(List.of(new DisplayMessage(false, "refused: replayed")), shown.get(14));
        assertEquals(List.of(new DisplayMessage(false, "refused: outside_schedule")), shown.get(17));
    }

    @Test
    void eachDecision_isRecordedAsTheScreensRows_andPrinted() {
        List<List<List<String>>> screens = outcomes.stream().map(DemoRun.Outcome::screens).toList();
        assertEquals(List.of(), screens.get(0), "nobody in front of the camera");
        assertEquals(List.of(List.of("Welcome", "Ada Lovelace", "Please pass", "")), screens.get(1));
        assertEquals(List.of(List.of("Refused", "Pass expired", "", "")), screens.get(3));
        assertTrue(printed.contains("    screen    Welcome | Ada Lovelace | Please pass\n"), printed);
        assertTrue(printed.contains("    screen    Refused | Pass expired\n"), printed);
    }

    @Test
    void report_printsEachScanAndASummary() {
        assertTrue(printed.contains("GRANTED ok"), printed);
        assertTrue(printed.contains("denied  bad_signature"), printed);
        assertTrue(printed.contains("decision  none    no_code"), printed);
        assertTrue(printed.contains("18 scans, 3 granted, 11 denied, 4 without a code; 18 of 18 outcomes as expected"), printed);
        assertTrue(printed.contains("demo: the gate saw passed 3, not_passed 1, forced 1, exit_request 1\n"), printed);
    }

    @Test
    void terminal_isLoadedFromTheConfigFileItWrote_theFileRunTakes() {
        var loaded = assertInstanceOf(io.limen.config.yaml.LoadResult.Loaded.class, io.limen.config.yaml.ConfigFile.load(scenario.configFile()));

        assertEquals(java.util.Optional.of("lobby"), loaded.config().terminal().zone());
        assertEquals(new io.limen.config.CameraSource.Synthetic(), loaded.config().camera().source());
        assertEquals(io.limen.config.GateDriver.SIMULATED, loaded.config().gate().driver());
        assertEquals(java.util.Optional.of(scenario.revocationsFile().toAbsolutePath().normalize()),
                loaded.config().revocation().database().map(p -> p.toAbsolutePath().normalize()));
    }

    @Test
    void everythingItWrites_isUnderItsFolder_withKeysOwnerOnly() throws IOException {
        Path demo = scenario.dir();
        assertTrue(Files.exists(demo.resolve("trust.pem")));
        assertTrue(Files.exists(demo.resolve("revocations.db")));
        try (var frames = Files.list(demo.resolve("frames"))) {
            assertEquals(18, frames.count());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(demo.resolve("issuer-ed25519.key"))));
    }

    @Test
    void folderThatIsNotTheDemos_isRefusedAndLeftAlone() throws IOException {
        Path other = Files.createDirectories(dir.resolve("someone-elses"));
        Files.writeString(other.resolve("notes.txt"), "keep me");

        IOException e = assertThrows(IOException.class, () -> DemoScenario.create(other, Instant.now(), 1));

        assertEquals("demo folder " + other + " holds 1 file(s) the demo did not write (notes.txt); it deletes only its own"
                + " files: move them away, or name a new or empty folder with --dir", e.getMessage());
        assertEquals("keep me", Files.readString(other.resolve("notes.txt")));
    }

    @Test
    void theTurnstile_passesOrNot_andEachEventTheGateSawIsPrintedBesideItsDecision() {
        List<List<String>> saw = outcomes.stream().map(o -> o.gateEvents().stream()
                .map(e -> e.kind().code() + e.direction().map(d -> " " + d.configName()).orElse("")).toList()).toList();
        assertEquals(List.of("passed entry"), saw.get(1), "Ada walks in");
        assertEquals(List.of("not_passed entry"), saw.get(2), "the contractor turns away");
        assertEquals(List.of("passed entry"), saw.get(12), "Katherine walks in");
        assertEquals(List.of("forced entry"), saw.get(15), "someone climbs the locked arm");
        assertEquals(List.of("exit_request exit", "passed exit"), saw.get(16), "out by the exit button");
        for (int i : new int[] {0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 17}) {
            assertEquals(List.of(), saw.get(i), outcomes.get(i).demoCase().label());
        }
        // The used grant names its holder; the exit button's passage has none.
        assertEquals(outcomes.get(1).admission().scan() instanceof ScanOutcome.Scanned s ? s.decision().credential() : null,
                outcomes.get(1).gateEvents().getFirst().credential());
        assertTrue(printed.contains("    gate saw  passed entry at +505 ms\n"), printed);
        assertTrue(printed.contains("    gate saw  not_passed entry at +2000 ms\n"), printed);
        assertTrue(printed.contains("    gate saw  forced entry at +505 ms\n"), printed);
        assertTrue(printed.contains("    gate saw  exit_request exit at +20 ms, passed exit at +505 ms\n"), printed);
    }

    @Test
    void aTurnOfTheArm_locksItAtOnce_andAForcedTurnSoundsTheAlarm() {
        DemoRun.Outcome ada = outcomes.get(1);
        PinEvent relayOff = ada.pinEvents().stream().filter(e -> e.role() == PinRole.RELAY && e.state() == DigitalState.LOW).findFirst().orElseThrow();
        assertEquals(505_000_000L, relayOff.nanoTime() - ada.gateStartNanos(), "locked at the turn, before the 800 ms pulse's end");
        DemoRun.Outcome forced = outcomes.get(15);
        assertEquals(List.of(), states(forced, PinRole.RELAY));
        assertTrue(states(forced, PinRole.BUZZER).size() >= 4, "the alarm alternates: " + forced.pinEvents());
    }

    private static List<DigitalState> states(DemoRun.Outcome outcome, PinRole role) {
        return outcome.pinEvents().stream().filter(e -> e.role() == role).map(PinEvent::state).toList();
    }
}
