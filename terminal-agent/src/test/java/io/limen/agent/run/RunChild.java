package io.limen.agent.run;

import io.limen.agent.HardwareSeams;
import io.limen.agent.Terminal;
import io.limen.agent.camera.Frame;
import io.limen.agent.camera.FrameSource;
import io.limen.agent.display.RecordingDisplay;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.gate.PinRole;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.time.ExecutorScheduler;
import io.limen.agent.time.SystemWallClock;
import io.limen.config.AgentConfig;
import io.limen.config.TerminalConfig;
import io.limen.format.Reason;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A terminal run in a child JVM for the signal tests: real threads, real scheduler, real signals; a
 * camera that shows the given scene (a PNG of raw grey bytes) at 30 fps, real time; mock GPIO. Prints
 * "decided" once the first code was granted, and after its orderly stop the pins' levels.
 *
 * <p>args: trust file, frame file (raw luma, 1280x720)
 */
public final class RunChild {

    private RunChild() {
    }

    public static void main(String[] args) throws Exception {
        byte[] luma = java.nio.file.Files.readAllBytes(Path.of(args[1]));
        Frame scene = new Frame(luma, 1280, 720);
        FrameSource camera = new FrameSource() {
            volatile boolean closed;

            @Override
            public Optional<Frame> next() throws InterruptedException {
                Thread.sleep(33);
                return closed ? Optional.empty() : Optional.of(scene.arrivedAt(System.nanoTime()));
            }

            @Override
            public void release(Frame frame) {
            }

            @Override
            public void close() {
                closed = true;
            }
        };
        AgentConfig config = AgentConfig.defaults(Path.of(args[0])).withTerminal(new TerminalConfig("hq", "door-1", Optional.of("lobby")));
        ExecutorScheduler scheduler = new ExecutorScheduler("scheduler");
        HardwareSeams seams = new HardwareSeams(camera, GpioContexts.simulated(), new RecordingDisplay(),
                SystemWallClock.trustingSystemClock(), scheduler, SqliteConnections::readOnly);
        Terminal terminal = Terminal.assemble(config, seams);
        CountDownLatch decided = new CountDownLatch(1);
        TerminalRun run = new TerminalRun(terminal, new io.limen.agent.camera.CameraCounters(), admission -> {
            if (admission.scan().reason() == Reason.OK) {
                decided.countDown();
            }
        });
        CountDownLatch terminate = new CountDownLatch(1);
        RunSignals.install(terminate::countDown, () -> { }, run::stop);
        run.start();
        decided.await();
        System.out.println("decided");
        System.out.flush();
        terminate.await();
        run.stop();
        StringBuilder pins = new StringBuilder("pins");
        for (PinRole role : new PinRole[] {PinRole.RELAY, PinRole.GREEN_LED, PinRole.RED_LED}) {
            pins.append(' ').append(role.name()).append('=')
                    .append(((com.pi4j.io.gpio.digital.DigitalOutput) terminal.gate().pins().get(role)).state());
        }
        System.out.println(pins);
        System.out.flush();
        scheduler.close();
        seams.gpio().shutdown();
    }
}
