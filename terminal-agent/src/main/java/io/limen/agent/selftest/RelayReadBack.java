package io.limen.agent.selftest;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.limen.agent.gate.GateMachine;
import io.limen.agent.gate.GpioPort;
import io.limen.config.BoardProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The relay read back through its own contact ({@code board.pins.relayReadBack}: the normally-open
 * contact between the pin and GND, with the pull-up, so LOW while the relay is pulled in): released at
 * rest, pulled in while energised, released again after. A relay that clicks on the bench but not in
 * the cabinet (a dead coil driver, no coil supply, a welded contact) fails here instead of at the first
 * person at the door. On a board without the input: skipped, "not wired" (not a failure).
 *
 * <p>Each step waits for the contact up to {@link #SETTLE} (relays pull in within 5..20 ms), looking every
 * {@link #POLL}; the waits go through the selftest's {@link SelfTest.Pause}, so tests on simulated
 * wiring do not sleep.
 */
final class RelayReadBack {

    static final String ID = "relay-readback";
    /** The longest a relay may take to pull in or drop out, with a wide margin. */
    static final long SETTLE_NANOS = 200_000_000L;
    static final long POLL_NANOS = 5_000_000L;

    private RelayReadBack() {
    }

    /** Clicks the relay through {@code port} and reads its contact on the board's read-back pin; outputs safe after. */
    static Check run(Context gpio, GpioPort port, BoardProfile board, SelfTest.Pause pause) {
        if (board.relayReadBackPin().isEmpty()) {
            return Check.skip("relay-readback", "not wired (board.pins.relayReadBack unset): the relay's click is not read back");
        }
        int pin = board.relayReadBackPin().getAsInt();
        String where = "relay read-back (BCM " + pin + ")";
        DigitalInput contact = gpio.create(DigitalInput.newConfigBuilder(gpio).id(ID).name(where).address(pin)
                .pull(PullResistance.PULL_UP));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("pin", pin);
        try {
            port.writeSafe();
            if (waitFor(contact, false, pause) < 0) {
                return Check.fail("relay-readback", true, where + " reads PULLED IN with the relay de-energised: a welded contact,"
                        + " or the input wired to the NC contact or shorted to GND").with(facts);
            }
            port.write(new GateMachine.Outputs(board.lockFailMode().energiseToRelease(), false, false, false));
            long pullIn = waitFor(contact, true, pause);
            facts.put("pullInMs", pullIn < 0 ? null : pullIn / 1_000_000);
            port.writeSafe();
            if (pullIn < 0) {
                return Check.fail("relay-readback", true, where + " stayed RELEASED while the relay was energised for "
                        + SETTLE_NANOS / 1_000_000 + " ms: the relay did not switch (coil, its driver or supply), or the read-back"
                        + " wire is open").with(facts);
            }
            long dropOut = waitFor(contact, false, pause);
            facts.put("dropOutMs", dropOut < 0 ? null : dropOut / 1_000_000);
            if (dropOut < 0) {
                return Check.fail("relay-readback", true, where + " stayed PULLED IN " + SETTLE_NANOS / 1_000_000
                        + " ms after the relay was released: a welded or sticking contact").with(facts);
            }
            return Check.pass("relay-readback", true, where + " followed the relay: pulled in within " + pullIn / 1_000_000
                    + " ms, released within " + dropOut / 1_000_000 + " ms").with(facts);
        } finally {
            port.writeSafe();
            gpio.shutdown(ID);
        }
    }

    /**
     * Polls the contact until it reads {@code pulledIn}; returns the time waited (a multiple of the poll),
     * or -1 if it did not within {@link #SETTLE_NANOS}.
     */
    private static long waitFor(DigitalInput contact, boolean pulledIn, SelfTest.Pause pause) {
        DigitalState wanted = pulledIn ? DigitalState.LOW : DigitalState.HIGH;
        for (long waited = 0; waited <= SETTLE_NANOS; waited += POLL_NANOS) {
            if (contact.state() == wanted) {
                return waited;
            }
            pause.nanos(POLL_NANOS);
        }
        return -1;
    }
}
