package io.limen.format.lists;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What every list document says about itself (docs/lists.md, fields 1–7).
 *
 * @param kind       what it lists
 * @param scope      whose list it is: an issuer ({@code iss}) or {@code "*"} for every issuer the fleet trusts
 * @param version    its version, at least 1; versions of one list only grow
 * @param base       for a delta, the version it applies to; empty for a full snapshot
 * @param issuedAt   when the publisher signed it, whole seconds
 * @param nextUpdate when the publisher means to publish the next version at the latest, whole seconds:
 *                   past it a terminal's copy is stale
 * @param chunk      for a snapshot sent in parts, which part this is; empty for one in a single document
 */
public record ListHeader(ListKind kind, String scope, long version, OptionalLong base, Instant issuedAt,
                         Instant nextUpdate, Optional<Chunk> chunk) {

    /** Any issuer: the scope of a fleet-wide list. */
    public static final String ANY_ISSUER = "*";

    /**
     * One part of a snapshot: chunks {@code 0 .. count - 1} of one publication, all with the same
     * {@code snapshotId} (16 random bytes the publisher picks), version and count.
     */
    public record Chunk(int index, int count, SnapshotId snapshotId) {
        public Chunk {
            Objects.requireNonNull(snapshotId, "snapshotId must not be null");
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("chunk index must be in [0, count) and count at least 1, but was "
                        + index + " of " + count);
            }
        }
    }

    public ListHeader {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(scope, "scope must not be null");
        Objects.requireNonNull(base, "base must not be null");
        Objects.requireNonNull(issuedAt, "issuedAt must not be null");
        Objects.requireNonNull(nextUpdate, "nextUpdate must not be null");
        Objects.requireNonNull(chunk, "chunk must not be null");
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("scope must be an issuer or \"*\", but was empty");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, but was " + version);
        }
        if (base.isPresent() && (base.getAsLong() < 0 || base.getAsLong() >= version)) {
            throw new IllegalArgumentException("a delta's base must be in [0, version), but was " + base.getAsLong()
                    + " for version " + version);
        }
        if (base.isPresent() && chunk.isPresent()) {
            throw new IllegalArgumentException("only a snapshot comes in chunks, but a delta (base " + base.getAsLong() + ") has one");
        }
        if (nextUpdate.isBefore(issuedAt)) {
            throw new IllegalArgumentException("nextUpdate must not be before issuedAt, but was " + nextUpdate + " < " + issuedAt);
        }
        if (issuedAt.getNano() != 0 || nextUpdate.getNano() != 0 || issuedAt.getEpochSecond() < 0) {
            throw new IllegalArgumentException("times must be whole seconds after 1970, but were " + issuedAt + " and " + nextUpdate);
        }
    }

    /** Whether this is (a chunk of) a full snapshot rather than a delta. */
    public boolean isSnapshot() {
        return base.isEmpty();
    }
}
