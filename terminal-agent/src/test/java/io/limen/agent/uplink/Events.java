package io.limen.agent.uplink;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the reconnect loop reported, in order. */
final class Events implements LinkStateListener {

    record Retry(int failuresInARow, Duration delay, String reason) {
    }

    final List<Retry> retries = new CopyOnWriteArrayList<>();
    final List<String> lost = new CopyOnWriteArrayList<>();
    volatile int connected;

    @Override
    public void connected() {
        connected++;
    }

    @Override
    public void lost(String reason) {
        lost.add(reason);
    }

    @Override
    public void retrying(int failuresInARow, Duration delay, String reason) {
        retries.add(new Retry(failuresInARow, delay, reason));
    }

    Retry lastRetry() {
        return retries.getLast();
    }
}
