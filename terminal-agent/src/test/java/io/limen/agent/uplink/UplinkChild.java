package io.limen.agent.uplink;

import io.limen.agent.policy.Decision;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.scanlog.Alarms;
import io.limen.agent.scanlog.ScanLogWriter;
import io.limen.agent.time.SystemWallClock;
import io.limen.config.ScanLogConfig;
import io.limen.format.Reason;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link UplinkKillTest}: a terminal's scan log and uplink as {@code Terminal} wires them
 * (the writer wakes the pump), on the scan log {@code args[0]} and the broker {@code args[1]}. With
 * {@code args[2]} = {@code burst} it decides without end, printing each sequence number once its group
 * is durable; with {@code drain} it decides nothing and only sends what the outbox holds. Runs until killed.
 */
public final class UplinkChild {

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false,
                StandardCharsets.US_ASCII);
        AtomicReference<UplinkPump> pump = new AtomicReference<>();
        ScanLogWriter log = ScanLogWriter.start(ScanLogConfig.at(db), SqliteConnections.file(db, Duration.ofSeconds(5)),
                Optional.of("lobby"), SystemWallClock.trustingSystemClock(), new Alarms(), group -> {
                    for (long seq = group.first(); seq <= group.last(); seq++) {
                        out.println(seq);
                    }
                    out.flush();
                    UplinkPump p = pump.get();
                    if (p != null) {
                        p.wake();
                    }
                });
        pump.set(UplinkPump.start(PumpRig.config(args[1], 200, 2), PumpRig.TERMINAL, SqliteConnections.file(db, Duration.ofSeconds(5)),
                new PahoMqttLink(PumpRig.config(args[1], 200, 2)), SystemWallClock.trustingSystemClock(), System::nanoTime,
                new Alarms(), Map::of));
        if (!"burst".equals(args[2])) {
            Thread.sleep(Long.MAX_VALUE); // draining: the pump's thread does the work
        }
        Decision decision = Decision.denied(Reason.EXPIRED, Optional.empty(), "expired");
        while (true) {
            log.decided(decision, 1_500_000, 90_000, 4_000, 1_700_000);
            LockSupport.parkNanos(200_000); // a burst: a few thousand decisions a second
        }
    }
}
