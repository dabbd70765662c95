package io.limen.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.limen.agent.Agent;
import io.limen.agent.ScanOutcome;
import io.limen.agent.Terminal;
import io.limen.agent.camera.CameraCounters;
import io.limen.agent.camera.Frame;
import io.limen.agent.camera.FrameSource;
import io.limen.agent.gate.PinActivity;
import io.limen.agent.gate.PinRole;
import io.limen.agent.simulation.SteppedFrameSource;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.config.DebounceConfig;
import io.limen.config.TerminalConfig;
import io.limen.format.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live loop end to end on simulated hardware: camera reader → slot → admit thread → gate, in lockstep with simulated time. */
class TerminalRunTest {

    static final Duration FRAME = Duration.ofMillis(33);
    static final String PASS = LoopFixture.pass(1);
    static final Frame PASS_SCENE = LoopFixture.readable(PASS, 100);
    static final Frame EMPTY = SyntheticScene.withoutCode(7);

    @TempDir
    Path dir;
    LoopFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new LoopFixture(dir);
    }

    @Test
    void passShownToTheCamera_isGranted_relayPulses_andOutputsEndSafe() throws Exception {
        SteppedFrameSource camera = new SteppedFrameSource(List.of(EMPTY, PASS_SCENE, PASS_SCENE, EMPTY), fixture.time, FRAME);
        Terminal terminal = fixture.terminal(camera);
        PinActivity pins = PinActivity.watch(terminal.gate(), fixture.time::nanoTime);
        TerminalRun run = fixture.run(terminal);

        LoopFixture.playOut(run);

        assertEquals(1, run.counters().decisions(Reason.OK));
        assertEquals(1, run.counters().repeats(), "the pass's second frame is the same scan");
        assertEquals(4, run.counters().framesDecoded());
        assertEquals(List.of(DigitalState.HIGH), pins.events(PinRole.RELAY).stream().map(PinActivity.PinEvent::state).limit(1).toList());
        DigitalOutput relay = (DigitalOutput) terminal.gate().pins().get(PinRole.RELAY);
        assertEquals(DigitalState.LOW, relay.state(), "the stop returned the relay to safe");
        assertTrue(run.line().contains("decoded=4 codes=2 repeated=1 decisions ok=1"), run.line());
    }

    @Test
    void codeShownForTenMinutes_isDecidedOnce() throws Exception {
        // One frame a second for ten minutes: each gap (1 s) is shorter than the absence (2 s), the hold is an hour.
        List<Frame> frames = Collections.nCopies(600, PASS_SCENE);
        SteppedFrameSource camera = new SteppedFrameSource(frames, fixture.time, Duration.ofSeconds(1));
        TerminalRun run = fixture.run(fixture.terminal(camera,
                fixture.config.withDebounce(new DebounceConfig(Duration.ofSeconds(2), Duration.ofHours(1)))));

        LoopFixture.playOut(run);

        assertEquals(1, run.counters().decisions());
        assertEquals(599, run.counters().repeats());
        assertEquals(Duration.ofMinutes(10).minusSeconds(1).toNanos(), fixture.time.nanoTime(), "simulated, not waited");
    }

    @Test
    void fiftyDifferentCodesInTwoSeconds_areEachDecided() throws Exception {
        List<Frame> frames = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            Frame scene = LoopFixture.readable(LoopFixture.pass(1000 + n), 1000L * n);
            frames.add(scene);
            frames.add(scene);
        }
        SteppedFrameSource camera = new SteppedFrameSource(frames, fixture.time, Duration.ofMillis(20));
        TerminalRun run = fixture.run(fixture.terminal(camera));

        LoopFixture.playOut(run);

        assertEquals(50, run.counters().decisions(Reason.OK), run.line());
        assertEquals(50, run.counters().repeats());
        assertTrue(fixture.time.nanoTime() < Duration.ofSeconds(2).toNanos());
    }

    @Test
    void failingCameraRead_isReportedAndRetried_theLoopReadsOn() throws Exception {
        SteppedFrameSource frames = new SteppedFrameSource(List.of(EMPTY, PASS_SCENE), fixture.time, FRAME);
        AtomicInteger calls = new AtomicInteger();
        FrameSource failing = new FrameSource() {
            @Override
            public Optional<Frame> next() throws IOException, InterruptedException {
                // The camera reader waits a second after a failure: one failure keeps the test short.
                if (calls.incrementAndGet() == 2) {
                    throw new IllegalStateException("a bug in the source");
                }
                return frames.next();
            }

            @Override
            public void release(Frame frame) {
                frames.release(frame);
            }

            @Override
            public void close() {
                frames.close();
            }
        };
        TerminalRun run = fixture.run(fixture.terminal(failing));

        LoopFixture.playOut(run);

        assertTrue(calls.get() >= 3, "read again after the failure");
        assertEquals(1, run.counters().decisions(Reason.OK));
        assertEquals(2, run.counters().framesDecoded());
    }

    @Test
    void frameWhoseAdmissionThrows_isOneErrorLine_theNextFrameIsDecided() throws Exception {
        String other = LoopFixture.pass(2);
        SteppedFrameSource camera = new SteppedFrameSource(List.of(PASS_SCENE, LoopFixture.readable(other, 200)), fixture.time, FRAME);
        AtomicInteger calls = new AtomicInteger();
        AdmitLoop.Step failingFirst = (agent, frame, first) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("decoder bug");
            }
            return agent.admit(frame, first);
        };
        TerminalRun run = new TerminalRun(fixture.terminal(camera), new CameraCounters(), fixture.admissions::add, failingFirst);

        LoopFixture.playOut(run);

        assertEquals(1, run.counters().errors());
        assertEquals(1, run.counters().decisions(Reason.OK));
        assertEquals(1, fixture.admissions.size());
    }

    @Test
    void reloadBetweenFrames_judgesTheNextFrameByTheNewConfig_noFrameLost() throws Exception {
        String second = LoopFixture.pass(2);
        String third = LoopFixture.pass(3);
        SteppedFrameSource camera = new SteppedFrameSource(
                List.of(PASS_SCENE, LoopFixture.readable(second, 200), LoopFixture.readable(third, 300)), fixture.time, FRAME);
        Terminal terminal = fixture.terminal(camera);
        List<String> refused = new ArrayList<>();
        TerminalRun run = new TerminalRun(terminal, new CameraCounters(), admission -> {
            fixture.admissions.add(admission);
            try {
                if (fixture.admissions.size() == 1) {
                    // A valid new config: the parking terminal.
                    terminal.reconfigure(fixture.config.withTerminal(new TerminalConfig("hq", "door-1", Optional.of("parking"))));
                } else if (fixture.admissions.size() == 2) {
                    // An invalid one: its trust file is gone. Refused; parking stays.
                    terminal.reconfigure(fixture.config.withCredentials(new io.limen.config.CredentialsConfig(dir.resolve("gone.pem"))));
                }
            } catch (IOException e) {
                refused.add(e.toString());
            }
        });

        LoopFixture.playOut(run);

        List<Reason> reasons = fixture.admissions.stream().map(a -> a.scan().reason()).toList();
        assertEquals(List.of(Reason.OK, Reason.WRONG_ZONE, Reason.WRONG_ZONE), reasons);
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.get(0).contains("gone.pem"), refused.get(0));
        assertEquals(Optional.of("parking"), terminal.config().terminal().zone());
    }

    @Test
    void stopWhileTheCameraWaits_endsPromptly_outputsSafe() throws Exception {
        FrameSource silent = new FrameSource() {
            final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

            @Override
            public Optional<Frame> next() throws InterruptedException {
                closed.await();
                return Optional.empty();
            }

            @Override
            public void release(Frame frame) {
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        Terminal terminal = fixture.terminal(silent);
        TerminalRun run = fixture.run(terminal);
        run.start();

        run.stop();

        assertTrue(run.awaitEnd(Duration.ofSeconds(1)));
        DigitalOutput relay = (DigitalOutput) terminal.gate().pins().get(PinRole.RELAY);
        assertEquals(DigitalState.LOW, relay.state());
        terminal.seams().gpio().shutdown();
    }

    @Test
    void repeatedFrame_isNeitherShownNorLogged_asAnAdmission() throws Exception {
        SteppedFrameSource camera = new SteppedFrameSource(List.of(PASS_SCENE, PASS_SCENE), fixture.time, FRAME);
        TerminalRun run = fixture.run(fixture.terminal(camera));

        LoopFixture.playOut(run);

        Agent.Admission repeat = fixture.admissions.get(1);
        assertInstanceOf(ScanOutcome.Repeated.class, repeat.scan());
        assertTrue(repeat.gateCommand().isEmpty());
        assertEquals(0, repeat.scan().times().verifyNanos());
    }
}
