package io.limen.provisioning;

import io.limen.provisioning.telemetry.Backoff;
import io.limen.provisioning.telemetry.BatchDecoder;
import io.limen.provisioning.telemetry.FleetLedger;
import io.limen.provisioning.telemetry.SubscriberSettings;
import io.limen.provisioning.telemetry.TelemetryConsumer;
import io.limen.provisioning.telemetry.TelemetrySubscriber;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code consume}: the reference telemetry consumer for the central side (docs/telemetry.md,
 * "Consuming"). Runs until SIGINT or SIGTERM, then prints the fleet status table and ends; exit 1 when
 * the scan output could not be written.
 */
@Command(name = "consume",
        headerHeading = "%n",
        header = "Read the fleet's scan batches from the broker: one JSON line per scan, each once.",
        description = {
            "Subscribes to $share/GROUP/PREFIX/scans, an MQTT 5 shared subscription:",
            "instances with the same --group split the batches between them. Checks",
            "each batch against the telemetry contract, drops scans written before (by",
            "site, terminal and sequence) and writes one JSON line per new scan to",
            "standard output or --out. On standard error, one line per event:",
            "  refused REASON TOPIC: DETAIL          not a valid batch; nothing changes",
            "  gap SITE/TERMINAL A..B opened (N missing)   numbers not received",
            "  gap SITE/TERMINAL A..B filled (N missing)   ...that arrived later",
            "and the fleet status table (--status-every, and at the end: Ctrl-C).",
            "Example:",
            "  limen provision consume --broker tcp://broker.example:1883 \\",
            "      --group central --client-id central-1 --out scans.jsonl \\",
            "      --status-every PT1M",
            ""},
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class ConsumeCommand implements java.util.concurrent.Callable<Integer> {

    /** How the command learns that it should end, and lets the end wait for its table. */
    interface Lifetime {
        /**
         * Calls {@code stop} once the command should end; {@code stop} returns when the command has ended.
         * Production: on SIGINT or SIGTERM (a shutdown hook). Tests: when they say so.
         */
        void onStop(Runnable stop);

        /** The JVM's shutdown: SIGINT, SIGTERM or the end of main. */
        Lifetime SHUTDOWN_HOOK = stop -> Runtime.getRuntime().addShutdownHook(new Thread(stop, "consume-stop"));
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--broker", required = true, paramLabel = "URI",
            description = "The broker (MQTT 5): tcp://HOST:PORT, or ssl://HOST:PORT with --ca-file.")
    private String broker;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "With ssl://: the CA certificates that vouch for the broker (PEM); only these are trusted, and the broker's name must match its certificate.")
    private Path caFile;

    @Option(names = "--group", paramLabel = "NAME", defaultValue = "limen-consumers",
            description = "The shared-subscription group; instances in one group split the batches. Default: ${DEFAULT-VALUE}.")
    private String group;

    @Option(names = "--prefix", paramLabel = "FILTER", defaultValue = "limen/+/+",
            description = "The terminals' topic prefix as a filter (their uplink.topicPrefix with + for the varying levels). Default: ${DEFAULT-VALUE}.")
    private String prefix;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "This instance's MQTT client id. Give each instance a stable one: the broker then keeps its session "
                    + "and queues its share of the batches while it is away (--session-expiry). Default: a random one, "
                    + "whose session ends with the command.")
    private String clientId;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Append the JSON lines to FILE (created if missing) instead of standard output.")
    private Path out;

    @Option(names = "--status-every", paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
            description = "Print the fleet status table to standard error this often, e.g. PT1M. It is printed at the end anyway.")
    private Duration statusEvery;

    @Option(names = "--no-presence",
            description = "Do not subscribe to the terminals' status, heartbeat and alarms topics (the table's last three columns).")
    private boolean noPresence;

    @Option(names = "--max-batch-bytes", paramLabel = "BYTES", defaultValue = "" + BatchDecoder.DEFAULT_MAX_BYTES,
            description = "The longest batch JSON accepted, after inflating; longer ones are refused as too_large. Default: ${DEFAULT-VALUE} (8 MiB).")
    private int maxBatchBytes;

    @Option(names = "--max-terminals", paramLabel = "N", defaultValue = "100000",
            description = "How many terminals to keep track of; batches of more are refused as too_many_terminals. Default: ${DEFAULT-VALUE}.")
    private int maxTerminals;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = Converters.PositiveDuration.class, defaultValue = "PT10S",
            description = "How long a connect may take. Default: ${DEFAULT-VALUE}.")
    private Duration connectTimeout;

    @Option(names = "--session-expiry", paramLabel = "DURATION", converter = Converters.PositiveDuration.class, defaultValue = "PT1H",
            description = "How long the broker keeps this instance's session while it is away. Default: ${DEFAULT-VALUE}.")
    private Duration sessionExpiry;

    @Option(names = "--backoff-max", paramLabel = "DURATION", converter = Converters.PositiveDuration.class, defaultValue = "PT1M",
            description = "The longest wait between connect attempts (full jitter, from 1 s doubling). Default: ${DEFAULT-VALUE}.")
    private Duration backoffMax;

    private final Clock clock;
    private final SecureRandom random;
    private final Lifetime lifetime;

    ConsumeCommand(Clock clock, SecureRandom random, Lifetime lifetime) {
        this.clock = clock;
        this.random = random;
        this.lifetime = lifetime;
    }

    @Override
    public Integer call() throws IOException {
        SubscriberSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        Writer scans = out == null ? checked(spec.commandLine().getOut())
                : new OutputStreamWriter(Files.newOutputStream(out, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE), StandardCharsets.UTF_8);
        TelemetryConsumer consumer = new TelemetryConsumer(new BatchDecoder(maxBatchBytes), new FleetLedger(maxTerminals),
                scans, err, maxTerminals);
        TelemetrySubscriber subscriber = new TelemetrySubscriber(settings, consumer, err, clock, random, clientId == null);
        CompletableFuture<Void> stop = new CompletableFuture<>();
        CountDownLatch ended = new CountDownLatch(1);
        lifetime.onStop(() -> {
            stop.complete(null);
            awaitQuietly(ended);
        });
        ScheduledExecutorService tables = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("consume-status").daemon().factory());
        try {
            if (statusEvery != null) {
                long ms = statusEvery.toMillis();
                tables.scheduleAtFixedRate(() -> print(err, consumer.statusTable(clock.instant())), ms, ms, TimeUnit.MILLISECONDS);
            }
            subscriber.start();
            Exception failure = (Exception) CompletableFuture.anyOf(stop, subscriber.failure()).join();
            subscriber.close();
            tables.shutdownNow();
            print(err, consumer.statusTable(clock.instant()));
            if (failure != null) {
                err.println(spec.qualifiedName() + ": cannot write the scans to " + (out == null ? "standard output" : out)
                        + ": " + ProvisionCommand.describeAny(failure) + "; the batch is left unacknowledged");
                return 1;
            }
            return 0;
        } finally {
            tables.shutdownNow();
            try {
                scans.close();
            } catch (IOException e) {
                // Reported above if it mattered: every batch was flushed when it was written.
            }
            ended.countDown();
        }
    }

    private SubscriberSettings settings() {
        if (maxBatchBytes < 1024) {
            throw new ParameterException(spec.commandLine(), "--max-batch-bytes must be at least 1024, but was " + maxBatchBytes);
        }
        if (maxTerminals < 1) {
            throw new ParameterException(spec.commandLine(), "--max-terminals must be at least 1, but was " + maxTerminals);
        }
        if (!broker.matches("(tcp|ssl)://.+") || broker.startsWith("ssl://") != (caFile != null)) {
            throw new ParameterException(spec.commandLine(), "--broker must be tcp://HOST:PORT, or ssl://HOST:PORT with --ca-file, but was "
                    + broker + (caFile == null ? " without --ca-file" : " with --ca-file"));
        }
        String id = clientId != null ? clientId : "limen-consume-" + HexFormat.of().formatHex(bytes(4));
        try {
            return new SubscriberSettings(broker, id, group, prefix, !noPresence, connectTimeout, sessionExpiry,
                    new Backoff(Duration.ofSeconds(1), backoffMax.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : backoffMax),
                    Duration.ofMinutes(1), java.util.Optional.ofNullable(caFile));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().replace("shareGroup", "--group").replace("prefixFilter", "--prefix"));
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static void print(PrintWriter err, String table) {
        synchronized (err) {
            err.print(table);
            err.flush();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Standard output that says when it failed: a PrintWriter only sets a flag, so flush checks it. */
    private static Writer checked(PrintWriter stdout) {
        return new Writer() {
            @Override
            public void write(char[] chars, int off, int len) {
                stdout.write(chars, off, len);
            }

            @Override
            public void flush() throws IOException {
                stdout.flush();
                if (stdout.checkError()) {
                    throw new IOException("standard output could not be written (a full disk or a closed pipe?)");
                }
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
