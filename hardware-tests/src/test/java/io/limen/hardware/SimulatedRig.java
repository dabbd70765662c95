package io.limen.hardware;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.Pi4J;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProviderImpl;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import io.limen.agent.time.ManualScheduler;
import io.limen.agent.time.Scheduler;
import io.limen.config.BoardInput;
import io.limen.config.BoardProfile;
import io.limen.config.InputWiring;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The jig in simulation: Pi4J mock pins, and a {@link Wiring} of harness outputs to the gate's inputs
 * and of the gate's outputs to harness inputs. An input reads its pull resistor's level unless wired.
 * Time is a {@link ManualScheduler}: nothing sleeps.
 */
final class SimulatedRig implements Rig {

    private final Map<Integer, DigitalOutput> pendingWires = new HashMap<>();
    /** Inputs wired to a relay's contact, by pin: the relay output's pin. */
    private final Map<Integer, Integer> relayContacts = new HashMap<>();
    private final Context context = Pi4J.newContextBuilder().noAutoDetect()
            .add(new WiredInputProvider(), MockDigitalOutputProvider.newInstance(), MockI2CProvider.newInstance())
            .disableShutdownHook()
            .build();
    private final ManualScheduler time = new ManualScheduler();
    private final BoardProfile board;
    private final Wiring wiring = new Wiring();
    private final Map<BoardInput, DigitalOutput> drivers = new EnumMap<>(BoardInput.class);
    private final Map<Integer, MockDigitalInput> senses = new HashMap<>();

    /**
     * Mock inputs as a Pi's pins behave: an input nobody drives reads its pull resistor's level, and an
     * input the harness has a wire for is connected the moment it is created, so the gate's very first
     * read sees the harness (as it would see the jig's jumpers on a real board).
     */
    private final class WiredInputProvider extends MockDigitalInputProviderImpl {
        @Override
        public DigitalInput create(DigitalInputConfig config) {
            MockDigitalInput input = (MockDigitalInput) super.create(config);
            input.mockState(config.pull() == PullResistance.PULL_UP ? DigitalState.HIGH : DigitalState.LOW);
            DigitalOutput driver = pendingWires.get(config.address().intValue());
            if (driver != null) {
                wiring.wire(driver, input, false);
            }
            Integer relayPin = relayContacts.get(config.address().intValue());
            if (relayPin != null) {
                DigitalOutput relay = context.registry().all().values().stream()
                        .filter(io -> io instanceof DigitalOutput out && out.address().intValue() == relayPin)
                        .map(DigitalOutput.class::cast).findFirst()
                        .orElseThrow(() -> new AssertionError("the relay contact is read before the relay (BCM " + relayPin + ") exists"));
                // The NO contact closes to GND while the coil is energised: LOW then, whatever level energises it.
                wiring.wire(relay, input, board.relayActiveHigh());
            }
            return input;
        }
    }

    /**
     * A harness for {@code board}: a driver output per gate input, resting at the inactive level (the fire
     * panel's contact closed, buttons and sensors released), wired to the gate's input as it is created.
     */
    SimulatedRig(BoardProfile board) {
        this(board, java.util.Set.of());
    }

    /** A harness with no wire to the inputs {@code undriven}: they read their pull resistor's level (a cut wire). */
    SimulatedRig(BoardProfile board, java.util.Set<BoardInput> undriven) {
        this.board = board;
        for (var entry : board.inputs().entrySet()) {
            if (undriven.contains(entry.getKey())) {
                continue;
            }
            InputWiring w = entry.getValue();
            String id = "jig-drive-" + entry.getKey().configName();
            DigitalOutput driver = context.create(DigitalOutput.newConfigBuilder(context).id(id).address(100 + w.pin())
                    .initial(level(w, false)).shutdown(level(w, false)));
            drivers.put(entry.getKey(), driver);
            pendingWires.put(w.pin(), driver);
        }
    }

    /**
     * Wires the relay's normally-open contact (to GND) to the input on {@code pin}, as the HAT jig does: the
     * input, once created, reads LOW while the relay is energised. Left unwired, the input reads its
     * pull-up (a relay that never switches).
     */
    void wireRelayContact(int pin) {
        relayContacts.put(pin, board.relayPin());
    }

    /** Plugs the sense inputs onto the gate's outputs, once the gate has created them. */
    void connectOutputs() {
        for (var entry : context.registry().all().values()) {
            if (entry instanceof DigitalOutput out && out.address().intValue() < 100) {
                MockDigitalInput sense = (MockDigitalInput) context.create(DigitalInput.newConfigBuilder(context)
                        .id("jig-sense-" + out.address()).address(200 + out.address().intValue()));
                wiring.wire(out, sense, false);
                senses.put(out.address().intValue(), sense);
            }
        }
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
        DigitalOutput driver = drivers.get(input);
        if (driver == null) {
            throw new AssertionError("board " + board.name() + " has no " + input.label());
        }
        driver.state(level(board.input(input).orElseThrow(), active));
    }

    @Override
    public boolean sensedHigh(int gatePin) {
        MockDigitalInput sense = senses.get(gatePin);
        if (sense == null) {
            throw new AssertionError("no gate output on BCM " + gatePin);
        }
        return sense.state() == DigitalState.HIGH;
    }

    @Override
    public void settle(Duration step) {
        time.advance(step);
    }

    @Override
    public void close() {
        wiring.cutAll();
        context.shutdown();
    }
}
