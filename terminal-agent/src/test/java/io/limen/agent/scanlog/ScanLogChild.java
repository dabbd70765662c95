package io.limen.agent.scanlog;

import io.limen.agent.policy.Decision;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.agent.time.SystemWallClock;
import io.limen.config.ScanLogConfig;
import io.limen.format.Reason;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link ScanLogKillTest}: a terminal deciding without end into the scan log at
 * {@code args[0]}, printing each sequence number on its own line once its group is durable (after the
 * commit returned), until it is killed.
 */
public final class ScanLogChild {

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false,
                StandardCharsets.US_ASCII);
        ScanLogWriter log = ScanLogWriter.start(ScanLogConfig.at(Path.of(args[0])), SqliteConnections.file(Path.of(args[0])),
                Optional.of("lobby"), SystemWallClock.trustingSystemClock(), new Alarms(), group -> {
                    for (long seq = group.first(); seq <= group.last(); seq++) {
                        out.println(seq);
                    }
                    out.flush();
                });
        Decision decision = Decision.denied(Reason.EXPIRED, Optional.empty(), "expired");
        while (true) {
            log.decided(decision, 1_500_000, 90_000, 4_000, 1_700_000);
            LockSupport.parkNanos(20_000); // a burst: tens of thousands of decisions a second
        }
    }
}
