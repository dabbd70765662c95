package io.limen.agent.time;

/**
 * The wall clock, as the policy sees it: civil time for validity and logs, with its trust state.
 * {@link SystemWallClock} is the real one, {@link SimulatedTime} the simulated one; a fixed reading
 * ({@code () -> reading}) serves {@code scan --at}. Durations and timers use the {@link Scheduler}'s
 * monotonic clock instead: the wall clock may step.
 */
@FunctionalInterface
public interface WallClock {

    /** Now; cheap and non-blocking, read once per scan on the admit thread. */
    TimeReading read();

    /**
     * Tells the clock of a time that has certainly passed (a signed list's issue time): a clock that keeps
     * a floor ({@link FlooredWallClock}) raises it. Others ignore it.
     */
    default void trustworthyTimeSeen(java.time.Instant passed) {
    }
}
