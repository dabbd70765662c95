package io.limen.agent.policy;

import io.limen.format.credential.Presentation;
import io.limen.format.credential.RevocationKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The dynamic codes this entrance granted while they could still be shown: what {@code replayed} asks
 * ("was this presentation granted here already?"). A presentation is named by its credential's
 * revocation key, its {@code t} and its nonce, all covered by the holder's signature, so a re-encoded
 * copy of a code (tag, unprotected header, compression) is the same presentation.
 *
 * <p>Bounded: a presentation is forgotten once the terminal's clock is past {@code t + window} (the
 * verifier refuses it as {@code presentation_expired} from then on), judged with the window in force
 * when forgetting (a reload may widen it: what was granted stays refused as long as the verifier would
 * still take it), and at {@code capacity} the
 * oldest is dropped (counted in {@link #droppedFresh()}). An entrance grants about one code a second,
 * so a 30 s window holds some 30 entries; 100,000 is a bound on memory (about 11 MB when full), not a
 * size expected.
 *
 * <p>Memory only. After a restart the terminal cannot know what it granted before, so a presentation
 * signed before {@code startedAt} is refused as {@code replayed} ({@link #signedBeforeStart}): a
 * screenshot of a code granted just before a restart stays refused, and a holder whose code was made
 * before the restart shows the next one (the app makes one every few seconds). A reload hands the same
 * instance to the new checkpoint, so it forgets nothing.
 *
 * <p>Owned by the admit thread: the rules read it there and the checkpoint records each grant. Not
 * thread-safe.
 */
public final class Presentations {

    /** Entries at most, by default. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private record Key(long high, long low, long signedAt, long nonce) {
    }

    private final int capacity;
    private final Duration window;
    private final Instant startedAt;
    /** Each presentation's {@code t}. Insertion order is grant order, close to {@code t} order: the eldest are the first to go. */
    private final LinkedHashMap<Key, Instant> signedAt = new LinkedHashMap<>();
    private long droppedFresh;

    /**
     * @param window    the verifier's presentation window, for {@link #record(RevocationKey, Presentation, Instant)}
     * @param startedAt the terminal's clock when it started; {@link Instant#MIN} for a tool that is no
     *                  entrance ({@code scan}) and has nothing to remember from before
     */
    public Presentations(int capacity, Duration window, Instant startedAt) {
        if (capacity < 1) {
            throw new IllegalArgumentException("presentations capacity must be at least 1, but was " + capacity);
        }
        this.capacity = capacity;
        this.window = Objects.requireNonNull(window, "window must not be null");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt must not be null");
    }

    /** For one scan with nothing remembered (a tool, a test): default capacity and window, no start. */
    public static Presentations none() {
        return new Presentations(DEFAULT_CAPACITY, Duration.ofSeconds(30), Instant.MIN);
    }

    /** Whether this presentation of the credential with {@code key} was granted here and is still remembered. */
    public boolean granted(RevocationKey key, Presentation presentation) {
        return signedAt.containsKey(key(key, presentation));
    }

    /** Whether the presentation was signed before this terminal started, when it may have been granted unseen. */
    public boolean signedBeforeStart(Presentation presentation) {
        return presentation.signedAt().isBefore(startedAt);
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** {@link #record(RevocationKey, Presentation, Instant, Duration)} with the window given at construction. */
    public void record(RevocationKey key, Presentation presentation, Instant now) {
        record(key, presentation, now, window);
    }

    /**
     * Remembers a grant; first forgets what the clock {@code now} has put out of {@code window} (the
     * verifier's, now), and the eldest entry when full.
     */
    public void record(RevocationKey key, Presentation presentation, Instant now, Duration window) {
        Iterator<Map.Entry<Key, Instant>> eldest = signedAt.entrySet().iterator();
        while (eldest.hasNext()) {
            Map.Entry<Key, Instant> entry = eldest.next();
            boolean fresh = !now.isAfter(entry.getValue().plus(window));
            if (signedAt.size() >= capacity) {
                if (fresh) {
                    droppedFresh++;
                }
            } else if (fresh) {
                break;
            }
            eldest.remove();
        }
        signedAt.put(key(key, presentation), presentation.signedAt());
    }

    /** How many presentations are remembered. */
    public int size() {
        return signedAt.size();
    }

    /** Presentations dropped for room while still inside their window: non-zero means the capacity is too small. */
    public long droppedFresh() {
        return droppedFresh;
    }

    private static Key key(RevocationKey key, Presentation presentation) {
        return new Key(key.high(), key.low(), presentation.signedAt().getEpochSecond(), presentation.nonce());
    }
}
