package io.limen.agent.selftest;

import com.pi4j.context.Context;
import io.limen.agent.camera.CameraCounters;
import io.limen.agent.camera.FrameSource;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Outbox;
import io.limen.config.AgentConfig;
import io.limen.config.CameraSource;
import io.limen.format.credential.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The field technician's checks of one terminal, from its config: the board's inputs read at rest
 * (anything active is named: a fire loop in alarm or cut, a stuck button, a door open, a sensor
 * pulled), the outputs clicked and blinked, the relay read back, the display's test pattern, the camera
 * and the test card ({@link CameraCheck}), the clock against the time floor ({@link ClockCheck}), the
 * disk, the trust file, the revocation store, the lists' ages ({@link ListsCheck}), the scan log and the
 * broker. Each check is a {@link Check}; the terminal
 * is fit to run when no needed one fails. What it cannot check here it says so ({@code SKIP}), never
 * passes in silence: on simulated pins there is nothing to read or click.
 *
 * <p>The relay is read back where the board wires an input to its contact ({@code board.pins.relayReadBack},
 * as the test jig does: hardware-tests/README.md); elsewhere the technician watches the relay LED and
 * listens for the click, and the report says "not wired". The LEDs and the buzzer are never read back.
 *
 * <p>Each check runs within its own time limit ({@link Bounded}); {@link #bound()} is the whole run's.
 */
public final class SelfTest {


    /** How the checks wait (the relay's click, the LCD's timings); tests record instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void nanos(long nanos);
    }

    private final AgentConfig config;
    private final Context gpio;
    private final boolean realPins;
    private final ClockState clock;
    private final Pause pause;
    private final CameraOpener camera;
    private final Options options;

    /** Opens the configured camera's frame source, counting into {@code counters}; nothing starts before its first read. */
    @FunctionalInterface
    public interface CameraOpener {
        FrameSource open(CameraCounters counters);
    }

    /**
     * What the technician chose.
     *
     * @param cameraWindow how long the camera is read at most, 1..60 s
     * @param expectCard   the test card will be held up: not reading it fails the selftest
     */
    public record Options(Duration cameraWindow, boolean expectCard) {
        /** {@link #cameraWindow} in milliseconds: 1..60 s. */
        public static final long MIN_WINDOW_MS = 1_000;
        public static final long MAX_WINDOW_MS = 60_000;
        public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);
        public static final Options DEFAULTS = new Options(DEFAULT_WINDOW, false);

        public Options {
            Objects.requireNonNull(cameraWindow, "cameraWindow must not be null");
            if (cameraWindow.toMillis() < MIN_WINDOW_MS || cameraWindow.toMillis() > MAX_WINDOW_MS) {
                throw new IllegalArgumentException("camera window must be 1..60 s, but was " + cameraWindow.toMillis() + " ms");
            }
        }
    }

    /** Each check's time limit, apart from the camera's (its window plus {@link #CAMERA_CLOSE}). */
    static final Duration PINS_LIMIT = Duration.ofSeconds(5);
    static final Duration FILE_LIMIT = Duration.ofSeconds(5);
    /** SQLite's quick_check of one database: seconds on a store of millions of keys on a Pi. */
    static final Duration DATABASE_LIMIT = Duration.ofSeconds(20);
    /** The broker's connect timeout at most (uplink.connectTimeout when shorter); the check adds its disconnect. */
    static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);
    /** Killing the camera process and joining the reader, after the window. */
    static final Duration CAMERA_CLOSE = Duration.ofSeconds(8);

    /**
     * @param gpio     the pins the config's {@code gate.driver} names
     * @param realPins false on simulated pins: inputs, outputs and the display are then skipped
     * @param clock    the clock's reading and timesyncd's state
     * @param camera   opens the camera the config names (not called for a {@code synthetic} one)
     */
    public SelfTest(AgentConfig config, Context gpio, boolean realPins, ClockState clock, Pause pause, CameraOpener camera,
                    Options options) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.gpio = Objects.requireNonNull(gpio, "gpio must not be null");
        this.realPins = realPins;
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.pause = Objects.requireNonNull(pause, "pause must not be null");
        this.camera = Objects.requireNonNull(camera, "camera must not be null");
        this.options = Objects.requireNonNull(options, "options must not be null");
    }

    /** The longest the whole selftest takes: every check's limit, added up. */
    public Duration bound() {
        // pins, display; camera; clock, disk, trust, lists; revocation and scan log; broker
        return PINS_LIMIT.multipliedBy(2).plus(options.cameraWindow()).plus(CAMERA_CLOSE).plus(FILE_LIMIT.multipliedBy(4))
                .plus(DATABASE_LIMIT.plus(FILE_LIMIT).multipliedBy(2)).plus(BROKER_TIMEOUT.plus(FILE_LIMIT));
    }

    /** Every check, in the order a technician reads them; each within its limit ({@link #bound()} in all). */
    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.addAll(Bounded.run(List.of("inputs", "outputs", "relay-readback"), true, PINS_LIMIT, this::pins));
        checks.add(Bounded.one("display", false, PINS_LIMIT, this::display));
        checks.addAll(cameraChecks());
        checks.add(Bounded.one("clock", true, FILE_LIMIT, () -> ClockCheck.run(clock, config.paths().state(), config.lists())));
        checks.add(Bounded.one("disk", true, FILE_LIMIT, () -> DiskCheck.run(config)));
        checks.add(Bounded.one("trust", true, FILE_LIMIT, this::trust));
        checks.add(Bounded.one("revocation", true, DATABASE_LIMIT.plus(FILE_LIMIT), this::revocation));
        checks.add(Bounded.one("lists", true, FILE_LIMIT,
                () -> ListsCheck.run(config, ClockCheck.judgedAt(clock, config.paths().state()))));
        checks.add(Bounded.one("scanlog", true, DATABASE_LIMIT.plus(FILE_LIMIT), this::scanLog));
        checks.add(Bounded.one("broker", false, BROKER_TIMEOUT.plus(FILE_LIMIT), this::broker));
        return checks;
    }

    private List<Check> cameraChecks() {
        CameraSource source = config.camera().source();
        if (source instanceof CameraSource.Synthetic) {
            return List.of(Check.skip("camera", "camera.source synthetic: the demo's scenes, no camera to read"),
                    Check.skip("test-card", "no camera to read"));
        }
        String describe = describe(source);
        return Bounded.run(List.of("camera", "test-card"), true, options.cameraWindow().plus(CAMERA_CLOSE), () -> {
            CameraCounters counters = new CameraCounters();
            return new CameraCheck(options.cameraWindow(), options.expectCard()).run(camera.open(counters), counters, describe);
        });
    }

    /** How the report names the camera: its kind and what it opens. */
    static String describe(CameraSource source) {
        return switch (source) {
            case CameraSource.Process p -> "process " + p.command().get(0);
            case CameraSource.V4l2 v -> "v4l2 " + v.device();
            case CameraSource.Rpicam r -> "rpicam camera " + r.camera();
            case CameraSource.Replay r -> "replay " + r.path();
            case CameraSource.Synthetic s -> "synthetic";
        };
    }

    private List<Check> pins() {
        if (!realPins) {
            return List.of(Check.skip("inputs", "simulated pins (gate.driver: simulated): nothing to read"),
                    Check.skip("outputs", "simulated pins (gate.driver: simulated): nothing to click"),
                    Check.skip("relay-readback", "simulated pins (gate.driver: simulated): nothing to read back"));
        }
        return PinsCheck.run(config, gpio, pause);
    }

    private Check display() {
        return DisplayCheck.run(config, gpio, realPins, pause);
    }
    private Check trust() {
        Path file = config.credentials().trustFile();
        try {
            TrustStore trust = TrustStore.load(file);
            return trust.size() > 0 ? Check.pass("trust", true, trust.size() + " issuer keys in " + file)
                    : Check.fail("trust", true, file + " holds no keys: every credential would be refused");
        } catch (IOException | RuntimeException e) {
            return Check.fail("trust", true, file + " cannot be used: " + e.getMessage());
        }
    }

    private Check revocation() {
        if (config.revocation().database().isEmpty()) {
            return Check.skip("revocation", "no revocation store configured: nothing is revoked");
        }
        Path file = config.revocation().database().get();
        try {
            RevocationSet set = RevocationStore.readSnapshot(SqliteConnections.readOnly(file, config.revocation().busyTimeout()));
            return withQuickCheck("revocation", file, "version " + set.version() + ", " + set.size() + " revoked, in " + file);
        } catch (RuntimeException e) {
            return Check.fail("revocation", true, file + " cannot be read: " + e.getMessage());
        }
    }

    private Check scanLog() {
        if (config.scanLog().database().isEmpty()) {
            return Check.skip("scanlog", "no scan log configured: decisions are not recorded");
        }
        Path file = config.scanLog().database().get();
        if (!Files.exists(file)) {
            return Files.isWritable(file.toAbsolutePath().getParent())
                    ? Check.pass("scanlog", true, file + " does not exist yet; its folder is writable (run creates it)")
                    : Check.fail("scanlog", true, file + " does not exist and its folder is not writable");
        }
        String held;
        try (Outbox outbox = Outbox.openToRead(SqliteConnections.readOnly(file))) {
            Outbox.Backlog backlog = outbox.backlog();
            held = "last sequence " + outbox.highestSequence() + ", " + backlog.unsentRows()
                    + " unsent" + backlog.oldestUnsent().map(t -> " (oldest " + t + ")").orElse("") + ", in " + file;
        } catch (Exception e) {
            return Check.fail("scanlog", true, file + " cannot be read: " + e.getMessage());
        }
        return withQuickCheck("scanlog", file, held);
    }

    /** {@code held}, passed when SQLite's quick_check of {@code file} says "ok", failed with its words otherwise. */
    private static Check withQuickCheck(String name, Path file, String held) {
        String verdict;
        try {
            verdict = DatabaseCheck.quickCheck(file, DATABASE_LIMIT);
        } catch (java.sql.SQLException e) {
            return Check.fail(name, true, held + "; quick_check could not run: " + e.getMessage())
                    .with(Map.of("quickCheck", "not run"));
        }
        Map<String, Object> facts = Map.of("quickCheck", verdict);
        return verdict.equals("ok") ? Check.pass(name, true, held + "; quick_check ok").with(facts)
                : Check.fail(name, true, held + "; quick_check found damage: " + verdict).with(facts);
    }

    private Check broker() {
        if (config.uplink().isEmpty()) {
            return Check.skip("broker", "no uplink configured");
        }
        return BrokerCheck.run(config.uplink().get(), BROKER_TIMEOUT);
    }
}
