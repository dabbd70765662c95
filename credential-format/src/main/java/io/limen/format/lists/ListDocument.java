package io.limen.format.lists;

import io.limen.format.credential.RevocationKey;
import java.util.List;
import java.util.Objects;

/** A verified list document: a revocation list or a trust list (docs/lists.md). */
public sealed interface ListDocument permits ListDocument.Revocations, ListDocument.Trust {

    ListHeader header();

    /**
     * A revocation list: a snapshot (all revoked keys, or one chunk of them, in {@code added}) or a
     * delta from its base ({@code added} newly revoked, {@code removed} no longer revoked).
     */
    record Revocations(ListHeader header, List<RevocationKey> added, List<RevocationKey> removed) implements ListDocument {
        public Revocations {
            Objects.requireNonNull(header, "header must not be null");
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            if (header.kind() != ListKind.REVOCATIONS) {
                throw new IllegalArgumentException("a revocation list's kind must be revocations, but was " + header.kind().code());
            }
            if (header.isSnapshot() && !removed.isEmpty()) {
                throw new IllegalArgumentException("a snapshot removes nothing, but lists " + removed.size() + " removed keys");
            }
        }

        @Override
        public String toString() {
            return "Revocations{" + header + ", added=" + added.size() + ", removed=" + removed.size() + "}";
        }
    }

    /** A trust list: always a whole snapshot of the issuer keys a terminal trusts. */
    record Trust(ListHeader header, List<TrustEntry> keys) implements ListDocument {
        public Trust {
            Objects.requireNonNull(header, "header must not be null");
            keys = List.copyOf(keys);
            if (header.kind() != ListKind.TRUST) {
                throw new IllegalArgumentException("a trust list's kind must be trust, but was " + header.kind().code());
            }
            if (!header.isSnapshot() || header.chunk().isPresent()) {
                throw new IllegalArgumentException("a trust list is one whole snapshot: no base, no chunks");
            }
        }
    }
}
