package io.limen.agent;

import com.pi4j.context.Context;
import io.limen.agent.camera.FrameSource;
import io.limen.agent.display.Display;
import io.limen.agent.display.JournalDisplay;
import io.limen.agent.display.RecordingDisplay;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.time.Scheduler;
import io.limen.agent.time.SimulatedTime;
import io.limen.agent.time.WallClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a terminal touches outside the JVM, each behind a small interface with a real and a
 * simulated implementation, so {@link Terminal} assembles a real terminal and a simulated one alike.
 *
 * <pre>
 *   seam        real                                   simulated
 *   camera      CameraSources.open: camera process     SyntheticFrameSource, replay
 *               (rpicam-vid, ffmpeg on V4L2)
 *   gpio        GpioContexts.board() (gpiod)           GpioContexts.simulated() (Pi4J mock)
 *   display     Displays.open: journal, LCD, OLED      RecordingDisplay
 *   wallClock   SystemWallClock                        SimulatedTime
 *   scheduler   ExecutorScheduler                      SimulatedTime (the same object as the wall clock)
 *   sqlite      SqliteConnections::file / ::readOnly   FaultyConnections (tests) around a real file
 * </pre>
 *
 * @param sqlite the SQLite connection factory: which file, with which busy timeout, to which connections
 */
public record HardwareSeams(FrameSource camera, Context gpio, Display display, WallClock wallClock,
                            Scheduler scheduler, SqliteFactory sqlite) {

    /** Opens SQLite files: the real factory, or one that injects faults. */
    @FunctionalInterface
    public interface SqliteFactory {
        SqliteConnections open(Path file, Duration busyTimeout);
    }

    public HardwareSeams {
        Objects.requireNonNull(camera, "camera must not be null");
        Objects.requireNonNull(gpio, "gpio must not be null");
        Objects.requireNonNull(display, "display must not be null");
        Objects.requireNonNull(wallClock, "wallClock must not be null");
        Objects.requireNonNull(scheduler, "scheduler must not be null");
        Objects.requireNonNull(sqlite, "sqlite must not be null");
    }

    /**
     * A terminal on simulated hardware: mock GPIO, a recording display, and one simulated time driving
     * both the wall clock and the scheduler. The SQLite files are real and opened read-only: the demo and
     * tests read the lists a real terminal would. The caller shuts the GPIO context down.
     */
    public static HardwareSeams simulated(FrameSource camera, SimulatedTime time) {
        return new HardwareSeams(camera, GpioContexts.simulated(), new RecordingDisplay(), time, time,
                SqliteConnections::readOnly);
    }

    /** The same, with the display given (a {@link JournalDisplay} for a demo that writes to the log). */
    public HardwareSeams withDisplay(Display value) {
        return new HardwareSeams(camera, gpio, value, wallClock, scheduler, sqlite);
    }
}
