package io.limen.agent.run;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The signals a terminal under systemd gets: SIGTERM ({@code systemctl stop}) asks for an orderly stop
 * after which the process exits 0, so systemd records a clean stop rather than a failure; SIGHUP
 * ({@code systemctl reload}) asks for the config to be read again.
 *
 * <p>Why {@code sun.misc.Signal}: the JDK has no supported API to handle a signal. A shutdown hook
 * alone runs on SIGTERM but the JVM then exits 143, and it cannot handle SIGHUP at all (the JVM's
 * default for SIGHUP is to exit). {@code sun.misc.Signal} lives in the {@code jdk.unsupported} module,
 * which the JDK keeps exported for exactly such uses; it runs each handler on a fresh thread of its own,
 * never inside the signal itself. Replacing the JVM's SIGTERM handler also means no shutdown hook runs
 * for SIGTERM: the stop it asks for ends with {@code System.exit}, which runs them then.
 *
 * <p>The shutdown hook installed alongside covers every other end (SIGINT, a {@code System.exit}
 * elsewhere): it stops the run too, so the outputs go safe whatever ends the JVM short of
 * {@code kill -9}, where the wiring's defaults keep the relay off.
 */
public final class RunSignals {

    private static final Logger log = LoggerFactory.getLogger(RunSignals.class);

    private RunSignals() {
    }

    /**
     * Installs the handlers and the shutdown hook. Handlers run on their own threads and may block.
     *
     * @param terminate asked on SIGTERM; should return quickly and let the main thread stop the run
     * @param reload    run on SIGHUP, one at a time
     * @param stop      the shutdown hook's work: an idempotent, orderly stop
     */
    public static void install(Runnable terminate, Runnable reload, Runnable stop) {
        Objects.requireNonNull(terminate, "terminate must not be null");
        Objects.requireNonNull(reload, "reload must not be null");
        Objects.requireNonNull(stop, "stop must not be null");
        Object reloading = new Object();
        Signal.handle(new Signal("TERM"), signal -> {
            log.info("run: SIGTERM: stopping after the scan in flight");
            terminate.run();
        });
        Signal.handle(new Signal("HUP"), signal -> {
            synchronized (reloading) {
                reload.run();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "shutdown-safe-outputs"));
    }
}
