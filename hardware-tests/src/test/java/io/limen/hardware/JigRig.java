package io.limen.hardware;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.time.Scheduler;
import io.limen.config.BoardInput;
import io.limen.config.BoardProfile;
import io.limen.config.InputWiring;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The real jig on a Raspberry Pi (hardware-tests/README.md shows its wiring): gpiod pins, each gate
 * output looped back to a jig input, each gate input driven by a jig output, all through 1 kΩ.
 * Gate timing still runs on a hand-stepped clock; only the electrics take real time, so
 * {@link #settle} first waits {@link #ELECTRICAL} for levels and gpiod's edge events.
 */
final class JigRig implements Rig {

    /** Jig output driving each gate input of the tripod-turnstile profile. */
    static final Map<BoardInput, Integer> DRIVERS = Map.of(
            BoardInput.FIRE_ALARM, 16, BoardInput.EXIT_BUTTON, 20, BoardInput.PASSAGE_ENTRY, 21, BoardInput.PASSAGE_EXIT, 18);
    /** Jig input reading each gate output of the tripod-turnstile profile: gate BCM → jig BCM. */
    static final Map<Integer, Integer> SENSES = Map.of(17, 23, 27, 24, 22, 25, 13, 12);
    /** Time for a level to cross the jig and for gpiod to report the edge, with a wide margin. */
    static final Duration ELECTRICAL = Duration.ofMillis(20);

    private final Context context = GpioContexts.board();
    private final SharedManualScheduler time = new SharedManualScheduler();
    private final BoardProfile board;
    private final Map<BoardInput, DigitalOutput> drivers = new EnumMap<>(BoardInput.class);
    private final Map<Integer, DigitalInput> senses = new java.util.HashMap<>();

    JigRig(BoardProfile board) {
        this.board = board;
        DRIVERS.forEach((input, bcm) -> {
            DigitalState rest = level(board.input(input).orElseThrow(), false);
            drivers.put(input, context.create(DigitalOutput.newConfigBuilder(context).id("jig-drive-" + input.configName())
                    .address(bcm).initial(rest).shutdown(rest)));
        });
        SENSES.forEach((gate, jig) -> senses.put(gate, context.create(DigitalInput.newConfigBuilder(context)
                .id("jig-sense-" + gate).address(jig).pull(PullResistance.PULL_DOWN))));
        wait(ELECTRICAL);
    }

    private static DigitalState level(InputWiring w, boolean active) {
        return active == w.activeHigh() ? DigitalState.HIGH : DigitalState.LOW;
    }

    @Override
    public Context context() {
        return context;
    }

    @Override
    public BoardProfile board() {
        return board;
    }

    @Override
    public Scheduler scheduler() {
        return time;
    }

    @Override
    public void drive(BoardInput input, boolean active) {
        drivers.get(input).state(level(board.input(input).orElseThrow(), active));
    }

    @Override
    public boolean sensedHigh(int gatePin) {
        wait(ELECTRICAL);
        return senses.get(gatePin).state() == DigitalState.HIGH;
    }

    @Override
    public void settle(Duration step) {
        wait(ELECTRICAL);
        time.advance(step);
    }

    private static void wait(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() - end < 0) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
    }

    @Override
    public void close() {
        context.shutdown();
    }
}
