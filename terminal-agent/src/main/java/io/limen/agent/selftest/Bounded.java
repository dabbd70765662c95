package io.limen.agent.selftest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one check with a time limit, so that a hung I2C bus, a locked database or a silent broker costs
 * the technician seconds, never the whole selftest. The check runs on a daemon thread of its own; one
 * that overruns is interrupted and left to end on its own (a command line exits soon after), and
 * reported as failed with its limit. A check that throws is failed with the exception's message.
 */
final class Bounded {

    private Bounded() {
    }

    /**
     * @param names  the names of the results {@code body} returns, for the failures said in its stead
     * @param needed whether those failures make the terminal unfit
     */
    static List<Check> run(List<String> names, boolean needed, Duration limit, Callable<List<Check>> body) {
        FutureTask<List<Check>> task = new FutureTask<>(body);
        Thread thread = Thread.ofPlatform().daemon().name("selftest-" + names.get(0)).start(task);
        try {
            return task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            return names.stream().map(name -> Check.fail(name, needed, "did not finish within " + limit.toMillis()
                    + " ms; stopped")).toList();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause.getMessage() != null ? cause.getMessage() : cause.toString();
            return names.stream().map(name -> Check.fail(name, needed, "could not be checked: " + why)).toList();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            return names.stream().map(name -> Check.fail(name, needed, "interrupted")).toList();
        }
    }

    /** One result's check: {@link #run} for a body that returns one. */
    static Check one(String name, boolean needed, Duration limit, Callable<Check> body) {
        return run(List.of(name), needed, limit, () -> List.of(body.call())).get(0);
    }
}
