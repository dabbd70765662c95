package io.limen.agent.uplink;

import java.time.Duration;

/** Hears the {@link ReconnectLoop}'s state changes, on the loop's scheduler thread. Default methods do nothing. */
public interface LinkStateListener {

    /** A connection is up. */
    default void connected() {
    }

    /** The connection ended (broker gone, network cut, or DISCONNECT from the broker). */
    default void lost(String reason) {
    }

    /**
     * A connect failed or a connection was lost; the next attempt is {@code wait} from now.
     *
     * @param failuresInARow failures since a connection last stayed up for the reset time
     * @param wait           the jittered wait, between zero and the backoff's ceiling
     * @param reason         the failure, for a log line (with the CONNACK reason code when the broker refused)
     */
    default void retrying(int failuresInARow, Duration wait, String reason) {
    }
}
