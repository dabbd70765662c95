package io.limen.agent.gate;

import io.limen.agent.time.ExecutorScheduler;
import io.limen.config.BoardProfiles;
import io.limen.config.Direction;
import io.limen.config.GateConfig;
import io.limen.config.LockFailMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The child process of {@link GateKillTest}: a gate on journalling mock pins (a fail-safe lock on the
 * active-low relay board), printing every pin write and input read as it happens, then "ready"; on
 * "grant" from stdin it grants and prints "granted". It never exits by itself: the test kills it.
 */
public final class GateChild {

    private GateChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.US_ASCII);
        var context = RecordingGpio.context(out::println);
        var board = BoardProfiles.WAVESHARE_RELAY_3CH.withLockFailMode(LockFailMode.FAIL_SAFE);
        Gate gate = new Gate(context, board, new ExecutorScheduler("gate-timers"), GateConfig.DEFAULTS, event -> out.println("event " + event.kind()));
        out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("grant")) {
                gate.grant(Duration.ofSeconds(10), Direction.ENTRY, Optional.empty());
                out.println("granted");
            }
        }
        Thread.sleep(Long.MAX_VALUE); // stdin closed: wait for the kill
    }
}
