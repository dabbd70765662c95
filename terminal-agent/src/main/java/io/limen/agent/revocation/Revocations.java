package io.limen.agent.revocation;

import io.limen.format.credential.RevocationKey;

/**
 * One version of the revocation list as the scan path asks it: is this key revoked? Two answers exist:
 * {@link RevocationSet}, every key in memory (16 bytes a key; the {@code scan} command and small lists),
 * and {@link FilteredRevocations}, a Bloom filter in memory with each hit confirmed in the SQLite store
 * (about 2 bytes a key; the running terminal at city scale).
 *
 * <p>Implementations are safe to share between threads and never change: an update makes a new one.
 */
public interface Revocations {

    /** Whether the credential with {@code key} is revoked in this version of the list. */
    boolean contains(RevocationKey key);

    /** The version of the revocation list; 0 for no list. */
    long version();

    /** How many distinct keys are revoked. */
    int size();
}
