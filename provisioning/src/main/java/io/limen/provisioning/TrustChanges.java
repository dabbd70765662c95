package io.limen.provisioning;

import io.limen.format.cose.KeyId;
import io.limen.format.lists.TrustEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The changes {@code limen provision trust} makes to a trust list's keys, as pure functions of the keys
 * and the time: each returns the new keys or throws the {@link TrustProblem} that refuses it. Nothing
 * here reads or writes a file.
 *
 * <pre>
 * rotate, overlap O, new key from F:
 *   old key  ├──────────────────────────────┤            its notAfter becomes F + O (never later than it was)
 *   new key                       ├───────────────────────────────→
 *                                 F        F + O
 *                                 └ both ──┘  terminals trust either in between
 * </pre>
 */
final class TrustChanges {

    private TrustChanges() {
    }

    /** {@code keys} with {@code entry} added at the end. */
    static List<TrustEntry> add(List<TrustEntry> keys, TrustEntry entry) {
        for (TrustEntry listed : keys) {
            if (listed.issuer().equals(entry.issuer()) && listed.key().equals(entry.key())) {
                throw TrustProblem.ALREADY_LISTED.refuse("key " + entry.key().keyId() + " is listed for " + describe(entry.issuer())
                        + " already (" + listed.notBefore() + " .. " + listed.notAfter() + "); a key is listed once per issuer");
            }
        }
        List<TrustEntry> next = new ArrayList<>(keys);
        next.add(entry);
        return next;
    }

    /**
     * {@code keys} with {@code next} added for its issuer and the issuer's current key (the one of
     * {@code oldKid}, or its only key) ending {@code overlap} after {@code next} begins.
     */
    static List<TrustEntry> rotate(List<TrustEntry> keys, TrustEntry next, Optional<KeyId> oldKid, Duration overlap, Instant now) {
        if (overlap.isNegative() || overlap.isZero()) {
            throw TrustProblem.BAD_VALIDITY.refuse("--overlap must be positive, but was " + overlap
                    + ": without one, credentials signed with the old key would be refused before every terminal has the new one");
        }
        String issuer = next.issuer().orElseThrow();
        List<TrustEntry> candidates = keys.stream()
                .filter(e -> e.issuer().equals(next.issuer()) && e.notAfter().isAfter(now))
                .filter(e -> oldKid.isEmpty() || e.key().keyId().equals(oldKid.get()))
                .toList();
        if (candidates.isEmpty()) {
            throw oldKid.isPresent()
                    ? TrustProblem.UNKNOWN_KID.refuse("no key of kid " + oldKid.get() + " is listed for " + issuer + " (listed: " + kids(keys) + ")")
                    : TrustProblem.UNKNOWN_ISSUER.refuse("no key is listed for " + issuer + " to rotate from; use 'trust add' for its first key");
        }
        if (candidates.size() > 1) {
            throw TrustProblem.AMBIGUOUS_KEY.refuse(issuer + " has " + candidates.size() + " keys listed (" + kids(candidates)
                    + "): name the one leaving with --old-kid");
        }
        TrustEntry old = candidates.get(0);
        Instant oldEnd = next.notBefore().plus(overlap);
        if (!old.notAfter().isAfter(next.notBefore())) {
            throw TrustProblem.BAD_VALIDITY.refuse("the new key begins at " + next.notBefore() + ", but the old key " + old.key().keyId()
                    + " ends at " + old.notAfter() + ": credentials would have no key in between");
        }
        if (!oldEnd.isAfter(old.notBefore())) {
            throw TrustProblem.BAD_VALIDITY.refuse("the old key " + old.key().keyId() + " would end at " + oldEnd
                    + ", not after it begins (" + old.notBefore() + ")");
        }
        if (!next.notAfter().isAfter(oldEnd)) {
            throw TrustProblem.BAD_VALIDITY.refuse("the new key ends at " + next.notAfter() + ", not after the overlap ends ("
                    + oldEnd + ")");
        }
        List<TrustEntry> result = new ArrayList<>();
        for (TrustEntry e : keys) {
            result.add(e == old && oldEnd.isBefore(old.notAfter()) ? new TrustEntry(old.issuer(), old.key(), old.notBefore(), oldEnd) : e);
        }
        return add(result, next);
    }

    /**
     * {@code keys} without every listing of {@code kid} (of {@code issuer} only, if given). Refused when
     * an issuer would be left with no key not yet expired, unless {@code force}.
     */
    static List<TrustEntry> retire(List<TrustEntry> keys, KeyId kid, Optional<String> issuer, boolean force, Instant now) {
        List<TrustEntry> leaving = keys.stream()
                .filter(e -> e.key().keyId().equals(kid) && (issuer.isEmpty() || e.issuer().equals(issuer)))
                .toList();
        if (leaving.isEmpty()) {
            throw TrustProblem.UNKNOWN_KID.refuse("no key of kid " + kid + " is listed" + issuer.map(i -> " for " + i).orElse("")
                    + " (listed: " + kids(keys) + ")");
        }
        List<TrustEntry> staying = keys.stream().filter(e -> !leaving.contains(e)).toList();
        for (TrustEntry gone : leaving) {
            boolean others = staying.stream().anyMatch(e -> e.issuer().equals(gone.issuer()) && e.notAfter().isAfter(now));
            if (!others && !force) {
                throw TrustProblem.LAST_KEY.refuse("key " + kid + " is the last key of " + describe(gone.issuer())
                        + ": every credential of it would be refused; rotate to a new key first, or give --force");
            }
        }
        return staying;
    }

    /** {@code keys} without those whose validity has ended by {@code now}: terminals would not use them again. */
    static List<TrustEntry> withoutExpired(List<TrustEntry> keys, Instant now) {
        return keys.stream().filter(e -> e.notAfter().isAfter(now)).toList();
    }

    /** Refuses keys of which none is valid at {@code now}: terminals refuse such a list. */
    static void requireOneValid(List<TrustEntry> keys, Instant now) {
        if (keys.stream().noneMatch(e -> e.validAt(now))) {
            throw TrustProblem.NO_VALID_KEY.refuse("the list would have " + keys.size() + " key(s), none valid at " + now
                    + ": terminals refuse a list that would refuse every credential");
        }
    }

    static String describe(Optional<String> issuer) {
        return issuer.orElse("any issuer");
    }

    private static String kids(List<TrustEntry> keys) {
        if (keys.isEmpty()) {
            return "none";
        }
        return String.join(", ", keys.stream().map(e -> e.key().keyId() + " " + describe(e.issuer())).toList());
    }
}
