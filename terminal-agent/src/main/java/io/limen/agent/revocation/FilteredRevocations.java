package io.limen.agent.revocation;

import io.limen.format.credential.RevocationKey;
import java.util.Objects;

/**
 * One version of the revocation list, answered by a {@link RevocationFilter} in memory and, for a filter
 * hit only, a point query on the SQLite store ({@link StoreLookup}). A key the filter has never seen is
 * "not revoked" in well under a microsecond without touching the disk; a revoked key (or one of the
 * ~0.1 % false positives) costs one indexed SQLite read, a few microseconds.
 *
 * <p>The filter belongs to this version; the store is read as it is now. Between the commit of an update
 * and the swap of the new {@code FilteredRevocations} (microseconds, on the list-sync thread) a key the
 * update added may still pass and one it removed is already cleared; from the swap on, the answers are
 * exactly the new list's. Made by {@link RevocationIndex}, which owns the filter and the store.
 */
public final class FilteredRevocations implements Revocations {

    private final long version;
    private final int size;
    private final RevocationFilter filter;
    private final StoreLookup store;

    FilteredRevocations(long version, int size, RevocationFilter filter, StoreLookup store) {
        this.version = version;
        this.size = size;
        this.filter = Objects.requireNonNull(filter, "filter must not be null");
        this.store = Objects.requireNonNull(store, "store must not be null");
    }

    @Override
    public boolean contains(RevocationKey key) {
        return filter.mightContain(key) && store.isRevoked(key);
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public int size() {
        return size;
    }

    /** The filter this version answers from, for its owner and for measuring it. */
    public RevocationFilter filter() {
        return filter;
    }

    @Override
    public String toString() {
        return "FilteredRevocations{version=" + version + ", size=" + size + "}";
    }
}
