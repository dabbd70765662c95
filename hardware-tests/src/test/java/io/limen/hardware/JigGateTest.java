package io.limen.hardware;

import static com.pi4j.io.gpio.digital.DigitalState.HIGH;
import static com.pi4j.io.gpio.digital.DigitalState.LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.limen.agent.gate.Gate;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.time.ManualScheduler;
import io.limen.config.BoardProfile;
import io.limen.config.BoardProfiles;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The gate on a real Raspberry Pi with a Limen HAT v1 and the loop-back jig, through the gpiod
 * providers. Runs only when asked, on the jig:
 *
 * <pre>
 *   mvn -B -o -pl hardware-tests -am test -Pjig -Dtest=JigGateTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Jig wiring (each gate pin looped back to a spare GPIO through a 1 kΩ resistor, so a mis-driven pair
 * cannot short two outputs):
 *
 * <pre>
 *   gate pin (limen-hat-v1)        jig pin   jig direction
 *   BCM 17  relay driver    ─────▶ BCM 23    input, pull-down      reads the relay GPIO level
 *   BCM 27  green LED       ─────▶ BCM 24    input, pull-down
 *   BCM 22  red LED         ─────▶ BCM 25    input, pull-down
 *   relay contact COM = GND, NO ─▶ BCM 26    input, pull-up        LOW while the relay is really pulled in
 *   BCM 5   fire alarm      ◀───── BCM 12    output, LOW = normal  stands in for the panel's contact
 * </pre>
 *
 * Gate timing still runs on a {@link ManualScheduler}: the jig checks the electrics, not the clock.
 * Only the relay's mechanics and the alarm input's debounce need real time, so those reads wait for
 * the expected level up to a deadline.
 */
@Tag("hardware")
class JigGateTest {

    private static final BoardProfile HAT = BoardProfiles.LIMEN_HAT_V1;
    /** Relay pull-in or drop-out plus the alarm input's debounce, with a wide margin. */
    private static final Duration SETTLE = Duration.ofMillis(200);

    private Context context;
    private final ManualScheduler time = new ManualScheduler();
    private DigitalInput relaySense;
    private DigitalInput greenSense;
    private DigitalInput redSense;
    private DigitalInput relayContact;
    private DigitalOutput alarmDriver;
    private Gate gate;

    @BeforeEach
    void wire() {
        context = GpioContexts.board();
        relaySense = sense("jig-relay", 23, PullResistance.PULL_DOWN);
        greenSense = sense("jig-green", 24, PullResistance.PULL_DOWN);
        redSense = sense("jig-red", 25, PullResistance.PULL_DOWN);
        relayContact = sense("jig-relay-contact", 26, PullResistance.PULL_UP);
        alarmDriver = context.create(DigitalOutput.newConfigBuilder(context)
                .id("jig-alarm").address(12).initial(LOW).shutdown(LOW));
        gate = new Gate(context, HAT, time);
    }

    @AfterEach
    void unwire() {
        gate.close();
        context.shutdown();
    }

    private DigitalInput sense(String id, int bcm, PullResistance pull) {
        return context.create(DigitalInput.newConfigBuilder(context).id(id).address(bcm).pull(pull));
    }

    /** Waits until {@code in} reads {@code expected}, failing after {@link #SETTLE}. */
    private static void awaitState(String what, DigitalInput in, DigitalState expected) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (in.state() != expected) {
            if (System.nanoTime() - deadline > 0) {
                fail(what + " must read " + expected + " within " + SETTLE.toMillis() + " ms, but was " + in.state());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void assertLoopback(DigitalState relay, DigitalState green, DigitalState red) {
        assertEquals(relay, relaySense.state(), "relay GPIO");
        assertEquals(green, greenSense.state(), "green LED GPIO");
        assertEquals(red, redSense.state(), "red LED GPIO");
    }

    @Test
    void construction_leavesEveryOutputOffAndRelayReleased() {
        assertLoopback(LOW, LOW, LOW);
        awaitState("relay contact", relayContact, HIGH);
    }

    @Test
    void grant_pulsesRelayThenReleases() {
        gate.grant(Duration.ofMillis(800));
        assertLoopback(HIGH, HIGH, LOW);
        awaitState("relay contact", relayContact, LOW);

        time.advance(Duration.ofMillis(800));
        assertLoopback(LOW, LOW, LOW);
        awaitState("relay contact", relayContact, HIGH);
    }

    @Test
    void deny_lightsRedThenOff() {
        gate.deny(Duration.ofMillis(1500));
        assertLoopback(LOW, LOW, HIGH);

        time.advance(Duration.ofMillis(1500));
        assertLoopback(LOW, LOW, LOW);
    }

    @Test
    void fireAlarm_holdsDoorOpenUntilCleared() {
        alarmDriver.high();
        awaitState("relay contact", relayContact, LOW);
        assertLoopback(HIGH, HIGH, LOW);
        gate.deny(Duration.ofMillis(1500));
        assertLoopback(HIGH, HIGH, LOW);

        alarmDriver.low();
        awaitState("relay GPIO", relaySense, LOW);
        awaitState("relay contact", relayContact, HIGH);
    }

    @Test
    void close_releasesRelayMidPulse() {
        gate.grant(Duration.ofMillis(800));
        awaitState("relay contact", relayContact, LOW);

        gate.close();

        assertLoopback(LOW, LOW, LOW);
        awaitState("relay contact", relayContact, HIGH);
    }
}
