package io.limen.agent.cli;

import io.limen.agent.HardwareSeams;
import io.limen.agent.camera.CameraCounters;
import io.limen.agent.camera.CameraSources;
import io.limen.agent.camera.FrameSource;
import io.limen.agent.cli.image.ImageFrames;
import com.pi4j.context.Context;
import io.limen.agent.display.Display;
import io.limen.agent.display.Displays;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.time.ExecutorScheduler;
import io.limen.agent.time.FlooredWallClock;
import io.limen.agent.time.TimeFloor;
import io.limen.agent.time.TimesyncdState;
import io.limen.config.AgentConfig;
import io.limen.config.CameraSource;
import io.limen.config.GateDriver;

/**
 * The real seams of {@code run}, made from the config: the camera its {@code camera.source} names, the
 * GPIO its {@code gate.driver} names (the Pi's pins through gpiod, or Pi4J's mock for a bench without
 * a relay), the display {@code display.type} names ({@link Displays}: the board's LCD, an OLED, or the journal), the system clock judged against the time floor, one scheduler thread, SQLite files read-only.
 * Closing shuts down what {@code Terminal.close} does not: the display writer, the scheduler, the GPIO
 * context.
 */
final class LiveSeams implements AutoCloseable {

    private final HardwareSeams seams;
    private final CameraCounters counters;
    /** Stops the display's writer thread. */
    private final Runnable closeDisplay;
    private final ExecutorScheduler scheduler;

    private LiveSeams(HardwareSeams seams, CameraCounters counters, Runnable closeDisplay, ExecutorScheduler scheduler) {
        this.seams = seams;
        this.counters = counters;
        this.closeDisplay = closeDisplay;
        this.scheduler = scheduler;
    }

    /**
     * Opens the seams; starts no camera process yet (the camera reader does, at its first read).
     *
     * @throws IllegalArgumentException for a {@code synthetic} camera: it is the demo's scripted scenes, not a camera to run
     */
    static LiveSeams open(AgentConfig config) {
        if (config.camera().source() instanceof CameraSource.Synthetic) {
            throw new IllegalArgumentException("camera.source synthetic is the demo's simulated camera; run needs a camera "
                    + "(v4l2, rpicam, process) or a replay — see device-config/examples/laptop-usb-camera.yaml");
        }
        ExecutorScheduler scheduler = new ExecutorScheduler("scheduler");
        CameraCounters counters = new CameraCounters();
        FrameSource camera = CameraSources.open(config.camera(), scheduler, counters, () -> {
            throw new IllegalStateException("no synthetic camera in run");
        }, ImageFrames::read);
        Context gpio = config.gate().driver() == GateDriver.PI4J ? GpioContexts.board() : GpioContexts.simulated();
        Display display = Displays.open(config, gpio); // display.type: the board's LCD, an OLED, or the journal
        HardwareSeams seams = new HardwareSeams(camera, gpio, display, clock(config), scheduler,
                SqliteConnections::readOnly);
        Runnable closeDisplay = () -> Displays.close(display);
        return new LiveSeams(seams, counters, closeDisplay, scheduler);
    }

    /**
     * The system clock judged against the time floor kept in the state folder ({@code time-floor}) and
     * systemd-timesyncd's state: a Pi without a real-time clock is not trusted blindly.
     */
    private static FlooredWallClock clock(AgentConfig config) {
        TimeFloor floor = TimeFloor.open(config.paths().state().resolve("time-floor"), TimeFloor.timesyncdSaved(TimesyncdState.SAVED_CLOCK));
        return new FlooredWallClock(java.time.Clock.systemUTC(), floor, new TimesyncdState(TimesyncdState.RUN));
    }

    HardwareSeams seams() {
        return seams;
    }

    CameraCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        if (seams.wallClock() instanceof FlooredWallClock floored) {
            floored.floor().persist(); // the newest trusted time, for the next start
        }
        closeDisplay.run();
        scheduler.close();
        seams.gpio().shutdown();
    }
}
