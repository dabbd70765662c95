package io.limen.agent;

import io.limen.agent.camera.Frame;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.policy.AccessPolicy;
import io.limen.agent.policy.Decision;
import io.limen.agent.policy.Passages;
import io.limen.agent.policy.Presentations;
import io.limen.agent.policy.ScanContext;
import io.limen.agent.time.WallClock;
import io.limen.format.credential.CredentialVerifier;
import io.limen.format.credential.Verification;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The admit path up to the decision: frame → text → credential → decision, timed per stage. The live
 * agent, {@code demo} and {@code scan} all go through here, so they decide alike. Each scan reads the
 * clock and the lists once, into one {@link ScanContext}: the verifier and every policy rule judge by
 * the same snapshot, even if an update is swapped in meanwhile.
 *
 * <p>Not thread-safe (the decoder reuses its buffers, the passages are the admit thread's): one per camera.
 */
public final class Checkpoint {

    /** Grants remembered for anti-passback: a busy entrance's half hour. */
    static final int PASSAGES = 1024;

    private final QrDecoder decoder;
    private final CredentialVerifier verifier;
    private final AccessPolicy policy;
    private final Supplier<ListSnapshot> lists;
    private final WallClock clock;
    private final LongSupplier monotonic;
    private final Passages passages;
    private final Presentations presentations;
    /** The lists of the scan in progress; the verifier reads its trust store from here. */
    private ListSnapshot scanLists;

    /**
     * @param clockSkew how far the clock may be off the issuer's ({@code CredentialsConfig})
     * @param lists     read once per scan, so an update swapped in behind it applies from the next scan
     * @param monotonic the scheduler's clock, for windows that must not follow wall-clock steps
     */
    public Checkpoint(QrDecoder decoder, Duration clockSkew, AccessPolicy policy, Supplier<ListSnapshot> lists,
                      WallClock clock, LongSupplier monotonic) {
        this(decoder, clockSkew, policy, lists, clock, monotonic, new Passages(PASSAGES));
    }

    /**
     * @param passages the grants anti-passback remembers; a reloaded terminal hands its new checkpoint
     *                 the old one's, so a reload does not let a pass through twice
     */
    public Checkpoint(QrDecoder decoder, Duration clockSkew, AccessPolicy policy, Supplier<ListSnapshot> lists,
                      WallClock clock, LongSupplier monotonic, Passages passages) {
        this(decoder, clockSkew, CredentialVerifier.DEFAULT_PRESENTATION_WINDOW, policy, lists, clock, monotonic, passages,
                Presentations.none());
    }

    /**
     * @param window        how far a dynamic code's {@code t} may be from the clock ({@code policy.presentationWindowMs})
     * @param presentations the dynamic codes granted while fresh; like {@code passages}, a reload hands
     *                      over the old checkpoint's, so a reload does not let a code through twice
     */
    public Checkpoint(QrDecoder decoder, Duration clockSkew, Duration window, AccessPolicy policy, Supplier<ListSnapshot> lists,
                      WallClock clock, LongSupplier monotonic, Passages passages, Presentations presentations) {
        this.passages = Objects.requireNonNull(passages, "passages must not be null");
        this.presentations = Objects.requireNonNull(presentations, "presentations must not be null");
        this.decoder = Objects.requireNonNull(decoder, "decoder must not be null");
        this.policy = Objects.requireNonNull(policy, "policy must not be null");
        this.lists = Objects.requireNonNull(lists, "lists must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.monotonic = Objects.requireNonNull(monotonic, "monotonic must not be null");
        this.verifier = new CredentialVerifier(() -> scanLists.trust(), clockSkew, window);
    }

    public ScanOutcome scan(Frame frame) {
        long start = System.nanoTime();
        Optional<String> text = read(frame);
        long decodeNanos = System.nanoTime() - start;
        // Most frames hold no code: nobody is there, nothing to judge, show or log.
        return text.isEmpty()
                ? new ScanOutcome.NoCode(new ScanOutcome.StageTimes(decodeNanos, 0, 0))
                : check(text.get(), decodeNanos);
    }

    /** The decoder's half alone: the code's text in the frame, if it holds a readable one. */
    public Optional<String> read(Frame frame) {
        return decoder.decode(frame);
    }

    /** The path from a code's text, for codes that did not come from a camera. */
    public ScanOutcome.Scanned check(String text) {
        return check(text, 0);
    }

    /** The path from a code's text that {@link #read} found in {@code decodeNanos}. */
    public ScanOutcome.Scanned check(String text, long decodeNanos) {
        long start = System.nanoTime();
        ScanContext context = new ScanContext(clock.read(), lists.get(), monotonic.getAsLong(), passages, presentations);
        scanLists = context.lists();
        Verification verification = verifier.verify(text, context.time().instant());
        long verified = System.nanoTime();
        Decision decision = policy.decide(verification, context);
        if (decision instanceof Decision.Granted granted) {
            passages.record(granted.holder().revocationKey(), context.monotonicNanos());
            granted.holder().presentation().ifPresent(shown ->
                    presentations.record(granted.holder().revocationKey(), shown, context.time().instant(), verifier.presentationWindow()));
        }
        long decided = System.nanoTime();
        return new ScanOutcome.Scanned(text, decision,
                new ScanOutcome.StageTimes(decodeNanos, verified - start, decided - verified));
    }
}
