package io.limen.agent.selftest;

import io.limen.agent.camera.CameraCounters;
import io.limen.agent.camera.CameraProcessSource;
import io.limen.agent.camera.CameraReader;
import io.limen.agent.camera.Frame;
import io.limen.agent.camera.FrameSource;
import io.limen.agent.camera.LatestFrame;
import io.limen.agent.decode.QrDecoder;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The camera end to end, as {@code run} reads it: frames from the configured source through the camera
 * reader and the latest-frame exchange, each decoded with the agent's own {@link QrDecoder}, for a
 * bounded window. Two results:
 *
 * <ul>
 *   <li>{@code camera} (needed): frames arrived. It passes on frames alone, card or not; it fails when
 *       none came within the window, with the source's own last problem ("not installed", "exited with
 *       status 1", "no frame for 5000 ms") or "started but sent no frame".</li>
 *   <li>{@code test-card}: the {@link TestCard} was read, and how long after the start. Not in view is
 *       {@code SKIP} ("not seen"), unless the technician said they would hold it up ({@code --expect-card}):
 *       then it is needed and "not seen" fails.</li>
 * </ul>
 *
 * The window ends early once the card is read and a second of frames has been timed. Other codes in
 * view are counted, never printed: a credential's text is not for a report.
 */
final class CameraCheck {

    /** Frames timed at least this long before an early end, so the frame rate means something. */
    static final Duration RATE_SPAN = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Duration window;
    private final boolean expectCard;

    /**
     * @param window     how long to capture at most (the check's bound, plus the source's close)
     * @param expectCard whether the test card must be read: the technician holds it up
     */
    CameraCheck(Duration window, boolean expectCard) {
        this.window = Objects.requireNonNull(window, "window must not be null");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("camera window must be positive, but was " + window.toMillis() + " ms");
        }
        this.expectCard = expectCard;
    }

    /** Reads {@code source} for the window and closes it (its process killed); {@code counters} must be the source's own. */
    List<Check> run(FrameSource source, CameraCounters counters, String describe) throws InterruptedException {
        LatestFrame exchange = new LatestFrame(source::release, counters);
        QrDecoder decoder = new QrDecoder();
        long start = System.nanoTime();
        long deadline = start + window.toNanos();
        long firstArrival = 0;
        long lastArrival = 0;
        long taken = 0;
        long firstSequence = 0;
        long lastSequence = 0;
        long cardAt = -1;
        long otherCodes = 0;
        CameraReader reader = CameraReader.start(source, exchange);
        try {
            while (true) {
                long now = System.nanoTime();
                boolean rateTimed = taken > 0 && now - firstArrival >= RATE_SPAN.toNanos();
                if (now >= deadline || (cardAt >= 0 && rateTimed)) {
                    break;
                }
                Optional<Frame> next = exchange.take(Duration.ofNanos(Math.min(deadline - now, POLL.toNanos())));
                if (next.isEmpty()) {
                    if (exchange.ended()) {
                        break; // a replay played out, or the reader stopped: nothing more will come
                    }
                    continue;
                }
                Frame frame = next.get();
                try {
                    taken++;
                    // The sequence numbers the camera's frames, also those dropped before the decoder took them.
                    long sequence = frame.sequence() > 0 ? frame.sequence() : taken;
                    if (taken == 1) {
                        firstArrival = frame.arrivalNanos();
                        firstSequence = sequence;
                    }
                    lastArrival = frame.arrivalNanos();
                    lastSequence = sequence;
                    Optional<String> text = decoder.decode(frame);
                    if (text.isPresent() && TestCard.is(text.get())) {
                        cardAt = cardAt < 0 ? frame.arrivalNanos() - start : cardAt;
                    } else if (text.isPresent()) {
                        otherCodes++;
                    }
                } finally {
                    source.release(frame);
                }
            }
        } finally {
            try {
                reader.close();
            } catch (IOException e) {
                // Closing kills the process; a failure to close is no finding about the camera.
            }
            exchange.close();
        }
        long elapsed = System.nanoTime() - start;
        long frames = counters.snapshot().framesRead();
        double rate = lastArrival > firstArrival ? (lastSequence - firstSequence) * 1e9 / (lastArrival - firstArrival) : 0;
        return List.of(camera(source, describe, frames, taken, elapsed, taken == 0 ? -1 : firstArrival - start, rate),
                card(frames, taken, cardAt, otherCodes));
    }

    private Check camera(FrameSource source, String describe, long frames, long decoded, long elapsedNanos, long firstNanos,
                         double rate) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("framesRead", frames);
        facts.put("framesDecoded", decoded);
        facts.put("framesPerSecond", Math.round(rate * 10) / 10.0);
        facts.put("firstFrameMs", firstNanos < 0 ? null : firstNanos / 1_000_000);
        facts.put("windowMs", elapsedNanos / 1_000_000);
        if (frames == 0) {
            String why = source instanceof CameraProcessSource process
                    ? process.lastProblem().orElse(process.command().get(0) + " started but sent no frame")
                    : "the source sent no frame";
            return Check.fail("camera", true, "no frame from " + describe + " in " + millis(elapsedNanos) + ": " + why).with(facts);
        }
        String rateText = rate > 0 ? String.format(Locale.ROOT, ", %.1f frames/s", rate) : "";
        return Check.pass("camera", true, frames + " frames from " + describe + " in " + millis(elapsedNanos) + " (first after "
                + millis(firstNanos) + rateText + "), " + decoded + " decoded").with(facts);
    }

    private Check card(long frames, long decoded, long cardAt, long otherCodes) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("seen", cardAt >= 0);
        facts.put("seenAfterMs", cardAt < 0 ? null : cardAt / 1_000_000);
        facts.put("otherCodes", otherCodes);
        String others = otherCodes == 0 ? "" : "; " + otherCodes + " frames held another code (not shown)";
        if (cardAt >= 0) {
            return Check.pass("test-card", expectCard, TestCard.PAYLOAD + " read " + millis(cardAt) + " after the start" + others)
                    .with(facts);
        }
        String seen = frames == 0 ? "not seen: no frames" : "not seen in " + decoded + " frames";
        if (expectCard) {
            return Check.fail("test-card", true, seen + " (hold the printed card 20-40 cm before the lens, flat and lit)" + others)
                    .with(facts);
        }
        return Check.skip("test-card", seen + " (hold up the card from 'selftest --print-test-card' and add --expect-card)"
                + others).with(facts);
    }

    private static String millis(long nanos) {
        return nanos / 1_000_000 + " ms";
    }
}
