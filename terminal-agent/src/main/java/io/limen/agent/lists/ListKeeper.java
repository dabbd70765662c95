package io.limen.agent.lists;

import io.limen.agent.revocation.FilteredRevocations;
import io.limen.agent.revocation.RevocationIndex;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.config.AgentConfig;
import io.limen.format.credential.TrustStore;
import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListDocuments;
import io.limen.format.lists.ListResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lists of a terminal that takes signed lists ({@code lists.signers} and {@code revocation.database}
 * set): it owns the revocation store ({@link RevocationIndex}: the filter in memory, the store on disk)
 * and reads the trust file with the signed trust list kept beside it ({@link TrustListUpdates}). Each
 * list is as old as its signed issue time, which the staleness policy judges.
 *
 * <p>Updates are written by {@code limen agent lists import} (another process, through SQLite's locks
 * and the trust file's rename), dropped into the drop folder, or arrive over MQTT ({@link #accept}, the
 * site's list topics); {@link #refresh} notices a new version and loads it, on the list-sync thread
 * ({@link ListSync}), for the terminal to swap in.
 */
public final class ListKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ListKeeper.class);

    private final RevocationIndex index;
    private final Path trustFile;
    private final TrustStore signers;
    private final Optional<Path> dropFolder;
    private final ListImport imports;
    private final ListFeed feed;
    private long trustVersion;
    /** The trust list's keys valid at the last load: when another set is valid, the trust store is rebuilt. */
    private java.util.List<io.limen.format.lists.TrustEntry> trustValid = java.util.List.of();
    private volatile Optional<Refusal> lastRefusal = Optional.empty();
    /** What {@link ListFeed#assembling} said after the last message: read by status without the keeper's lock. */
    private volatile Optional<String> assembling = Optional.empty();

    /**
     * The latest list document this terminal refused, for status and the heartbeat.
     *
     * @param code   the stable {@link io.limen.format.lists.ListProblem} code
     * @param source where it came from: an MQTT topic, or a dropped file's name
     * @param at     the trusted time of the refusal
     */
    public record Refusal(String code, String detail, String source, Instant at) {
        public Refusal {
            Objects.requireNonNull(code, "code must not be null");
            Objects.requireNonNull(detail, "detail must not be null");
            Objects.requireNonNull(source, "source must not be null");
            Objects.requireNonNull(at, "at must not be null");
        }
    }

    private ListKeeper(RevocationIndex index, Path trustFile, TrustStore signers, Optional<Path> dropFolder,
                       java.util.function.LongSupplier nanos, java.time.Duration snapshotTimeout) {
        this.index = index;
        this.trustFile = trustFile;
        this.signers = signers;
        this.dropFolder = dropFolder;
        this.imports = new ListImport(signers::keysFor, Optional.of(new RevocationUpdates(index, applied -> { })),
                Optional.of(new TrustListUpdates(trustFile, signers::keysFor)));
        this.feed = new ListFeed(imports, () -> index.current().version(),
                () -> trustList().map(t -> t.header().version()).orElse(0L), nanos, snapshotTimeout);
    }

    /**
     * The keeper for {@code config}, or empty when it does not take signed lists (then lists are read as
     * before: {@code Terminal.loadLists}).
     *
     * @throws IOException if the list-signing keys cannot be read
     */
    public static Optional<ListKeeper> open(AgentConfig config, Instant now) throws IOException {
        return open(config, now, System::nanoTime);
    }

    /**
     * The same, measuring the snapshot timeout ({@code lists.snapshotTimeoutMs}) on {@code nanos}, a
     * monotonic clock in nanoseconds (the terminal's scheduler).
     */
    public static Optional<ListKeeper> open(AgentConfig config, Instant now, java.util.function.LongSupplier nanos) throws IOException {
        if (config.lists().signers().isEmpty() || config.revocation().database().isEmpty()) {
            return Optional.empty();
        }
        TrustStore signers = TrustStore.load(config.lists().signers().get());
        RevocationIndex index = RevocationIndex.open(SqliteConnections.file(config.revocation().database().get(),
                config.revocation().busyTimeout()), now);
        // Every page of the store, read on a thread of its own (seconds at 10 M keys) while the terminal
        // already answers from the kept filter; damage found is reported and the next snapshot replaces the file.
        Thread.ofPlatform().daemon().name("revocation-check").start(() -> {
            try {
                index.checkIntegrity();
            } catch (RuntimeException e) {
                log.warn("Revocation store integrity check could not run: {}", e.getMessage());
            }
        });
        return Optional.of(new ListKeeper(index, config.credentials().trustFile(), signers, config.lists().dropFolder(), nanos,
                config.lists().snapshotTimeout()));
    }

    /**
     * The lists as they are now, each as old as its signed issue time (a hand-made trust file: as of
     * {@code now}). With a signed trust list held, the keys trusted are its keys valid at {@code now}:
     * a rotation's new key from its start, an old key until its end, without waiting for another list.
     */
    public synchronized ListSnapshot load(Instant now) throws IOException {
        Optional<ListDocument.Trust> trustList = trustList();
        trustVersion = trustList.map(t -> t.header().version()).orElse(0L);
        trustValid = trustList.map(t -> validEntries(t, now)).orElse(java.util.List.of());
        TrustStore trust = trustList.flatMap(t -> {
            Optional<TrustStore> valid = TrustListUpdates.validAt(t, now);
            if (valid.isEmpty()) {
                log.warn("Trust list version {} has no key valid at {}; the trust file {} stays in force", t.header().version(), now, trustFile);
            }
            return valid;
        }).orElse(null);
        if (trust == null) {
            trust = TrustStore.load(trustFile);
        }
        FilteredRevocations revocations = index.current();
        Instant revocationsAsOf = index.issuedAt().orElse(Instant.EPOCH);
        return new ListSnapshot(trust, revocations, trustList.map(t -> t.header().issuedAt()).orElse(now), revocationsAsOf);
    }

    private static java.util.List<io.limen.format.lists.TrustEntry> validEntries(ListDocument.Trust list, Instant now) {
        return list.keys().stream().filter(e -> e.validAt(now)).toList();
    }

    /**
     * New lists if an import changed either since {@code held} was loaded: the store's version, or the
     * trust list's, or which of the trust list's keys are valid ({@code now} crossed a key's start or
     * end); empty otherwise. Cheap when nothing changed (one indexed read, one small file).
     */
    public synchronized Optional<ListSnapshot> refresh(ListSnapshot held, Instant now) throws IOException {
        if (dropFolder.isPresent()) {
            importDropped(dropFolder.get(), now);
        }
        boolean revocations = index.refresh();
        Optional<ListDocument.Trust> trustList = trustList();
        long trustNow = trustList.map(t -> t.header().version()).orElse(0L);
        boolean validChanged = !trustList.map(t -> validEntries(t, now)).orElse(java.util.List.of()).equals(trustValid);
        if (!revocations && trustNow == trustVersion && !validChanged && held.revocations() == index.current()) {
            return Optional.empty();
        }
        ListSnapshot next = load(now);
        log.info("Lists updated: revocations version {} as of {}, trust list version {} as of {} ({} keys valid now)",
                next.revocations().version(), next.revocationsAsOf(), trustVersion, next.trustAsOf(), next.trust().size());
        return Optional.of(next);
    }

    /**
     * Applies the documents a technician dropped into {@code folder}, by name order (the chunks of a
     * snapshot in their order), each moved afterwards to {@code applied/} (also a staged chunk) or
     * {@code refused/}, with one log line saying what became of it. A file that cannot be moved is
     * said and left; the next look would apply it again and refuse it as a rollback.
     */
    private void importDropped(Path folder, Instant now) throws IOException {
        java.util.List<Path> files;
        try (java.util.stream.Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path file : files) {
            ListOutcome outcome = imports.importFile(file, now);
            Path to = folder.resolve(outcome instanceof ListOutcome.Refused ? "refused" : "applied");
            Files.createDirectories(to);
            Files.move(file, to.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            if (outcome instanceof ListOutcome.Refused r) {
                lastRefusal = Optional.of(new Refusal(r.problem().code(), r.detail(), file.getFileName().toString(), now));
                log.warn("lists: dropped {}: {}", file.getFileName(), outcome.describe());
            } else {
                log.info("lists: dropped {}: {}", file.getFileName(), outcome.describe());
            }
        }
    }

    /**
     * Takes one MQTT message of the list topics ({@link ListFeed}): applies, stages or refuses it, logs
     * what became of it and remembers a refusal for status; {@link #refresh} then swaps in what changed.
     * On the list-sync thread.
     *
     * @throws IOException if the trust file cannot be written
     */
    public synchronized java.util.List<ListOutcome> accept(String topic, byte[] payload, Instant now) throws IOException {
        java.util.List<ListOutcome> outcomes;
        try {
            outcomes = feed.accept(topic, payload, now);
        } finally {
            assembling = feed.assembling();
        }
        for (ListOutcome outcome : outcomes) {
            switch (outcome) {
                case ListOutcome.Refused r -> {
                    lastRefusal = Optional.of(new Refusal(r.problem().code(), r.detail(), topic, now));
                    log.warn("lists: MQTT {}: {}", topic, outcome.describe());
                }
                case ListOutcome.Applied a -> log.info("lists: MQTT {}: {}", topic, outcome.describe());
                case ListOutcome.Waiting w -> log.debug("lists: MQTT {}: {}", topic, outcome.describe());
            }
        }
        return outcomes;
    }

    /**
     * Drops the snapshot being assembled from MQTT messages if its next chunk is overdue
     * ({@code lists.snapshotTimeoutMs}, {@link ListFeed#expire}), remembering the refusal for status. On
     * the list-sync thread, at each look.
     *
     * @return the refusal if one was dropped: the caller may ask the broker for the retained chunks again
     */
    public synchronized Optional<Refusal> expireSnapshot(Instant now) {
        Optional<Refusal> dropped = feed.expire().map(r -> {
            log.warn("lists: MQTT: {}", r.describe());
            return new Refusal(r.problem().code(), r.detail(), "mqtt", now);
        });
        dropped.ifPresent(r -> lastRefusal = Optional.of(r));
        assembling = feed.assembling();
        return dropped;
    }

    /** The latest refusal of a list document (over MQTT or dropped), if any since start. */
    public Optional<Refusal> lastRefusal() {
        return lastRefusal;
    }

    /** The snapshot being assembled from MQTT messages, for status; empty if none. */
    public Optional<String> assembling() {
        return assembling;
    }

    /** The revocation index, for list updates in this process. */
    public RevocationIndex index() {
        return index;
    }

    /** The signed trust list kept beside the trust file, if it verifies. */
    private Optional<ListDocument.Trust> trustList() {
        Path document = Path.of(trustFile + ".list");
        if (!Files.exists(document)) {
            return Optional.empty();
        }
        try {
            return switch (ListDocuments.read(Files.readAllBytes(document), signers::keysFor)) {
                case ListResult.Accepted accepted when accepted.document() instanceof ListDocument.Trust t -> Optional.of(t);
                case ListResult.Accepted accepted -> {
                    log.warn("{} is a {} list, not a trust list: the trust file counts as never signed", document,
                            accepted.document().header().kind().code());
                    yield Optional.empty();
                }
                case ListResult.Refused refused -> {
                    log.warn("Trust list {} does not verify ({}): the trust file counts as never signed", document, refused);
                    yield Optional.empty();
                }
            };
        } catch (IOException e) {
            log.warn("Trust list {} cannot be read ({})", document, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        index.close();
    }

    @Override
    public String toString() {
        return "ListKeeper{" + index + ", trust " + Objects.toString(trustFile) + "}";
    }
}
