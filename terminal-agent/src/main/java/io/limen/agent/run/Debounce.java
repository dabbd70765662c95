package io.limen.agent.run;

import io.limen.config.DebounceConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which codes the camera reads are new scans. A code held up to the camera is in every frame, 30 a
 * second; it is decided once. It is decided again when it comes back after being out of view for at
 * least {@link DebounceConfig#absence()}, or when it has stayed in view for {@link DebounceConfig#hold()}
 * since it was last decided. A code not seen recently is decided at once, so a queue of people each
 * showing their own pass is never held up by the one before.
 *
 * <pre>
 *   code seen at now:   unknown                          → decide
 *                       now - lastSeen  &gt;= absence      → decide (it had left the view)
 *                       now - decidedAt &gt;= hold         → decide (held up all along)
 *                       otherwise                        → repeat: nothing to do
 * </pre>
 *
 * Pure: time is passed in ({@code now}, monotonic nanoseconds, the scheduler's clock) and nothing else
 * is read. It remembers the {@value #REMEMBERED} codes seen most recently; a code forgotten is decided
 * when seen again, which errs towards answering a person, never towards ignoring one.
 *
 * <p>Not thread-safe: the admit thread's own.
 */
public final class Debounce {

    /** Codes remembered: far more than can be in front of one camera within the absence time. */
    static final int REMEMBERED = 64;

    private final DebounceConfig settings;
    private final long absenceNanos;
    private final long holdNanos;
    private final LinkedHashMap<String, Sighting> recent;

    public Debounce(DebounceConfig settings) {
        this(settings, new LinkedHashMap<>(REMEMBERED * 2, 0.75f, true));
    }

    private Debounce(DebounceConfig settings, LinkedHashMap<String, Sighting> recent) {
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.absenceNanos = settings.absence().toNanos();
        this.holdNanos = settings.hold().toNanos();
        this.recent = recent;
    }

    /**
     * Records a sighting of {@code code} and says whether it is to be decided.
     *
     * @param nowNanos monotonic time of the sighting; never before an earlier call's
     */
    public boolean decide(String code, long nowNanos) {
        Sighting sighting = recent.get(code);
        if (sighting == null) {
            if (recent.size() == REMEMBERED) {
                recent.remove(recent.keySet().iterator().next());
            }
            recent.put(code, new Sighting(nowNanos));
            return true;
        }
        boolean cameBack = nowNanos - sighting.lastSeen >= absenceNanos;
        boolean heldOn = nowNanos - sighting.decidedAt >= holdNanos;
        sighting.lastSeen = nowNanos;
        if (cameBack || heldOn) {
            sighting.decidedAt = nowNanos;
            return true;
        }
        return false;
    }

    /** The same memory under new settings (a config reload): a code in view stays decided. */
    public Debounce reconfigured(DebounceConfig next) {
        if (next.equals(settings)) {
            return this;
        }
        LinkedHashMap<String, Sighting> copy = new LinkedHashMap<>(REMEMBERED * 2, 0.75f, true);
        for (Map.Entry<String, Sighting> e : recent.entrySet()) {
            Sighting s = new Sighting(e.getValue().decidedAt);
            s.lastSeen = e.getValue().lastSeen;
            copy.put(e.getKey(), s);
        }
        return new Debounce(next, copy);
    }

    public DebounceConfig settings() {
        return settings;
    }

    /** When a code was last decided and last seen; mutable so a repeat allocates nothing. */
    private static final class Sighting {
        long decidedAt;
        long lastSeen;

        Sighting(long now) {
            decidedAt = now;
            lastSeen = now;
        }
    }
}
