package io.limen.agent.revocation;

import io.limen.format.credential.RevocationKey;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocation list of a running terminal at city scale: the SQLite {@link RevocationStore} as the
 * store of record, and the current {@link FilteredRevocations} (a Bloom filter in memory) that the scan
 * path asks. The one writer of the store; updates come from list sync, one at a time.
 *
 * <p>Start-up streams the keys from the file into the filter, one row at a time: memory held is the
 * filter alone (about 18 MB at 10 M keys), never the list. A file SQLite finds damaged (not a database,
 * a corrupt page) is moved aside to {@code NAME.damaged-MILLIS} with its {@code -wal} and {@code -shm},
 * and an empty store is started in its place: the terminal keeps working on the trust list it has, says
 * so at ERROR and in {@link #damage()}, and the next snapshot fills the store again. A file of another
 * shape (another program's database named by mistake) is not ours to move: it is refused as before.
 *
 * <p>An update builds the new filter first (a fresh one for a snapshot, a copy of the current one plus
 * the added keys for a delta), then commits to the store in one transaction, then swaps: lookups go on
 * answering from the old version until the swap. A delta that takes the filter past its capacity
 * rebuilds it from the store, off the lookup connection.
 */
public final class RevocationIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RevocationIndex.class);
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * A damaged store: found at start-up and moved aside at once, or found by {@link #checkIntegrity}
     * while running and moved aside by the next snapshot.
     *
     * @param problem what SQLite said about it
     * @param movedTo where the damaged file now is; empty while it is still in use
     */
    public record Damage(String problem, Optional<Path> movedTo) {
    }

    private final SqliteConnections connections;
    private RevocationStore store; // guarded by this; replaced when a damaged file is moved aside
    private StoreLookup lookup; // likewise
    private volatile Optional<Damage> damage;
    private volatile FilteredRevocations current;

    private RevocationIndex(SqliteConnections connections, RevocationStore store, StoreLookup lookup,
                            FilteredRevocations current, Optional<Damage> damage) {
        this.connections = connections;
        this.store = store;
        this.lookup = lookup;
        this.current = current;
        this.damage = damage;
    }

    /**
     * Opens the store (creating it if missing) and loads its filter; a damaged file is moved aside and
     * replaced by an empty store, see the class comment.
     *
     * @param now names the moved-aside file
     * @throws RevocationStoreException if the file cannot be used and is not damaged (locked, of another
     *     shape, in a folder that cannot be written), or cannot be moved aside
     */
    public static RevocationIndex open(SqliteConnections connections, Instant now) {
        try {
            return openChecked(connections, Optional.empty());
        } catch (RevocationStoreException e) {
            Optional<Path> file = connections.file();
            if (!isDamage(e) || file.isEmpty()) {
                throw e;
            }
            Path movedTo = moveAside(file.get(), now, e);
            log.error("Revocation store {} is damaged ({}); moved it aside to {} and started an empty store: nothing"
                    + " counts as revoked until the next snapshot arrives", file.get(), e.getMessage(), movedTo);
            return openChecked(connections, Optional.of(new Damage(e.getMessage(), Optional.of(movedTo))));
        }
    }

    private static RevocationIndex openChecked(SqliteConnections connections, Optional<Damage> damage) {
        RevocationStore store = RevocationStore.open(connections);
        try {
            StoreLookup lookup = StoreLookup.open(connections);
            try {
                return new RevocationIndex(connections, store, lookup, load(connections, store, lookup), damage);
            } catch (RuntimeException e) {
                lookup.close();
                throw e;
            }
        } catch (SQLException e) {
            store.close();
            throw new RevocationStoreException("revocation store " + connections.describe() + " "
                    + SqliteFailures.describe(e, Optional.empty()), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** SQLite's "not a database" or "corrupt", anywhere in the chain: the file's fault, not the caller's. */
    private static boolean isDamage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                int code = SqliteFailures.code(sql);
                if (code == SqliteFailures.CORRUPT || code == SqliteFailures.NOTADB) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Path moveAside(Path file, Instant now, RevocationStoreException damage) {
        Path movedTo = file.resolveSibling(file.getFileName() + ".damaged-" + now.toEpochMilli());
        try {
            // The -wal and -shm first: a -wal left beside a new database would be replayed into it.
            for (String suffix : List.of("-wal", "-shm")) {
                Path companion = Path.of(file + suffix);
                if (Files.exists(companion)) {
                    Files.move(companion, Path.of(movedTo + suffix), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(file, movedTo, StandardCopyOption.ATOMIC_MOVE);
            return movedTo;
        } catch (IOException e) {
            RevocationStoreException failure = new RevocationStoreException("revocation store " + file
                    + " is damaged and cannot be moved aside to " + movedTo + ": " + e.getMessage(), damage);
            failure.addSuppressed(e);
            throw failure;
        }
    }

    /**
     * The list in the file as a filter, in one read transaction on a connection of its own: the filter
     * the store keeps for this version if it is whole ({@link FilterTable}), else a new one streamed
     * from the keys row by row (key order is not needed) and then kept for the next start.
     */
    private static FilteredRevocations load(SqliteConnections connections, RevocationStore store, StoreLookup lookup) {
        String file = connections.describe();
        long started = System.nanoTime();
        long version;
        Optional<FilterTable.Stored> stored;
        FilteredRevocations loaded;
        try (Connection connection = connections.open(); Statement s = connection.createStatement()) {
            s.execute("PRAGMA query_only = ON");
            s.execute("BEGIN");
            try {
                version = RevocationSchema.readVersion(connection, file);
                stored = FilterTable.read(connection, version);
                loaded = stored.isPresent()
                        ? new FilteredRevocations(version, stored.get().keys(), stored.get().filter(), lookup)
                        : stream(connection, s, file, version, lookup);
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new RevocationStoreException("revocation store " + file + " "
                    + SqliteFailures.describe(e, Optional.empty()), e);
        }
        log.info("Loaded revocation list version {} ({} keys) from {} into a {} KiB filter in {} ms, {}", version,
                loaded.size(), file, loaded.filter().sizeInBytes() / 1024, (System.nanoTime() - started) / 1_000_000,
                stored.isPresent() ? "the one the store kept" : "built from every key");
        if (stored.isEmpty()) {
            store.saveFilter(version, loaded.size(), loaded.filter());
        }
        return loaded;
    }

    private static FilteredRevocations stream(Connection connection, Statement s, String file, long version, StoreLookup lookup)
            throws SQLException {
        int count;
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM revoked")) {
            count = rs.next() ? rs.getInt(1) : 0;
        }
        RevocationFilterBuilder filter = RevocationFilterBuilder.forKeys(count);
        int rows = 0;
        try (ResultSet rs = s.executeQuery("SELECT key FROM revoked")) {
            while (rs.next()) {
                byte[] key = rs.getBytes(1);
                if (key == null || key.length != RevocationKey.LENGTH) {
                    throw new RevocationStoreException("revocation store " + file
                            + " has a revoked key that is not 16 bytes, but "
                            + (key == null ? "null" : key.length + " bytes"));
                }
                filter.put((long) BIG_ENDIAN_LONG.get(key, 0), (long) BIG_ENDIAN_LONG.get(key, 8));
                rows++;
            }
        }
        return new FilteredRevocations(version, rows, filter.build(), lookup);
    }

    /** The version lookups answer from now; swap-published, so any thread may read it. */
    public FilteredRevocations current() {
        return current;
    }

    /** The damage found in the store this run, if any (status and logs say so). */
    public Optional<Damage> damage() {
        return damage;
    }

    /**
     * Reads every page of the store ({@code PRAGMA quick_check}, seconds at 10 M keys) on a connection
     * of its own, while lookups go on: the start-up reads only the kept filter, so a damaged page of
     * keys shows here. Damage found is reported (ERROR, {@link #damage}); lookups go on from the
     * filter, a hit the damaged file cannot confirm counts as revoked, deltas are refused, and the next
     * snapshot moves the file aside and fills a new one. Run it off the admit thread after start-up.
     *
     * @return the damage found, or empty if the store is whole
     */
    public Optional<Damage> checkIntegrity() {
        String problem;
        try (Connection connection = connections.open(); Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA quick_check(5)")) {
            List<String> lines = new java.util.ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            if (lines.equals(List.of("ok"))) {
                return Optional.empty();
            }
            problem = "revocation store " + connections.describe() + " failed its integrity check: " + String.join("; ", lines);
        } catch (SQLException e) {
            if (!isDamage(e)) {
                throw new RevocationStoreException("revocation store " + connections.describe() + " "
                        + SqliteFailures.describe(e, Optional.empty()), e);
            }
            problem = "revocation store " + connections.describe() + " " + SqliteFailures.describe(e, Optional.empty());
        }
        Damage found = new Damage(problem, Optional.empty());
        damage = Optional.of(found);
        log.error("{}; lookups go on from the filter of list version {}, deltas are refused until a snapshot replaces"
                + " the file", problem, current.version());
        return Optional.of(found);
    }

    /**
     * Replaces the list with {@code keys} at {@code version} (a full snapshot), see {@link RevocationStore#replaceAll}.
     * A store found damaged while running is moved aside first, and the snapshot fills a new one.
     *
     * @param now names a moved-aside file
     * @return the new current version, already swapped in
     */
    public synchronized FilteredRevocations replaceAll(long version, Collection<RevocationKey> keys, Instant now) {
        RevocationFilter filter = RevocationFilter.forKeys(keys.size());
        for (RevocationKey key : keys) {
            filter.put(Objects.requireNonNull(key, "key must not be null"));
        }
        StoreLookup retired = null;
        Optional<Damage> found = damage;
        if (found.isPresent() && found.get().movedTo().isEmpty() && connections.file().isPresent()) {
            retired = replaceDamagedFile(found.get(), now);
        }
        RevocationStore.Change change = store.replaceAll(version, keys);
        FilteredRevocations next = swap(new FilteredRevocations(version, change.inserted(), filter, lookup));
        if (retired != null) {
            retired.close(); // after the swap: a lookup still on the old version fails closed, never open
        }
        store.saveFilter(version, next.size(), filter);
        return next;
    }

    /** {@link #replaceAll(long, Collection, Instant)} at the system's time. */
    public FilteredRevocations replaceAll(long version, Collection<RevocationKey> keys) {
        return replaceAll(version, keys, Instant.now());
    }

    private StoreLookup replaceDamagedFile(Damage found, Instant now) {
        Path file = connections.file().orElseThrow();
        store.close();
        Path movedTo = moveAside(file, now, new RevocationStoreException(found.problem()));
        store = RevocationStore.open(connections);
        StoreLookup old = lookup;
        try {
            lookup = StoreLookup.open(connections);
        } catch (SQLException e) {
            throw new RevocationStoreException("revocation store " + connections.describe() + " "
                    + SqliteFailures.describe(e, Optional.empty()), e);
        }
        damage = Optional.of(new Damage(found.problem(), Optional.of(movedTo)));
        log.error("Revocation store {} was damaged; moved it aside to {} and filling a new one from the snapshot", file, movedTo);
        return old;
    }

    /**
     * Removes {@code removed} and adds {@code added} at {@code version} (a delta), see
     * {@link RevocationStore#applyDelta}.
     *
     * @return the new current version, already swapped in
     * @throws IllegalStateException if the store was found damaged and not yet replaced by a snapshot
     */
    public synchronized FilteredRevocations applyDelta(long version, Collection<RevocationKey> added,
                                                       Collection<RevocationKey> removed) {
        Optional<Damage> found = damage;
        if (found.isPresent() && found.get().movedTo().isEmpty()) {
            throw new IllegalStateException("revocation store " + connections.describe()
                    + " is damaged: a delta cannot be applied to it, it needs a snapshot (" + found.get().problem() + ")");
        }
        FilteredRevocations old = current;
        RevocationFilter filter = old.filter().copy();
        for (RevocationKey key : added) {
            filter.put(Objects.requireNonNull(key, "key must not be null"));
        }
        RevocationStore.Change change = store.applyDelta(version, added, removed);
        if (filter.isOverCapacity()) {
            log.info("Revocation filter is past its capacity of {} keys; rebuilding it from {}", filter.capacity(), store);
            return swap(load(connections, store, lookup));
        }
        FilteredRevocations next = swap(new FilteredRevocations(version, old.size() + change.inserted() - change.deleted(), filter, lookup));
        store.saveFilter(version, next.size(), filter);
        return next;
    }

    /** When the stored list was signed ({@link RevocationStore#issuedAt}). */
    public synchronized Optional<Instant> issuedAt() {
        return store.issuedAt();
    }

    /** Records when list {@code version} was signed ({@link RevocationStore#recordIssuedAt}). */
    public synchronized void recordIssuedAt(long version, Instant issuedAt) {
        store.recordIssuedAt(version, issuedAt);
    }

    /**
     * Loads the list again if another process (an import) moved the store to another version: the filter
     * it kept, else one built from the keys. Off the admit thread; lookups answer from the held version
     * until the swap.
     *
     * @return whether a new version was swapped in
     */
    public synchronized boolean refresh() {
        if (store.version() == current.version()) {
            return false;
        }
        swap(load(connections, store, lookup));
        return true;
    }

    /** Empties the staging of a chunked snapshot ({@link RevocationStore#discardStaged}). */
    public synchronized void discardStaged() {
        store.discardStaged();
    }

    /** Stages one chunk of a snapshot ({@link RevocationStore#stage}); lookups still answer from the held list. */
    public synchronized int stage(Collection<RevocationKey> keys) {
        return store.stage(keys);
    }

    /**
     * Replaces the list with the {@code staged} keys staged so far, at {@code version}: the new filter is
     * streamed from the staging table first, then one transaction swaps the keys in, then the filter.
     *
     * @return the new current version, already swapped in
     */
    public synchronized FilteredRevocations replaceWithStaged(long version, int staged) {
        RevocationFilterBuilder builder = RevocationFilterBuilder.forKeys(staged);
        try (Connection connection = connections.open(); Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT key FROM revoked_staging")) {
            while (rs.next()) {
                byte[] key = rs.getBytes(1);
                builder.put((long) BIG_ENDIAN_LONG.get(key, 0), (long) BIG_ENDIAN_LONG.get(key, 8));
            }
        } catch (SQLException e) {
            throw new RevocationStoreException("revocation store " + connections.describe() + " "
                    + SqliteFailures.describe(e, Optional.empty()), e);
        }
        RevocationFilter filter = builder.build();
        RevocationStore.Change change = store.replaceWithStaged(version);
        FilteredRevocations next = swap(new FilteredRevocations(version, change.inserted(), filter, lookup));
        store.saveFilter(version, next.size(), filter);
        return next;
    }

    private FilteredRevocations swap(FilteredRevocations next) {
        current = next;
        return next;
    }

    @Override
    public synchronized void close() {
        try {
            lookup.close();
        } finally {
            store.close();
        }
    }

    @Override
    public String toString() {
        return "RevocationIndex{" + connections.describe() + ", version " + current.version() + "}";
    }
}
