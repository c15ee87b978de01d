package org.ucv.itests.support;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded waits for a condition: polls until it holds or the time is up, then fails with a description. */
public final class Await {
    private static final Duration POLL = Duration.ofMillis(200);

    private Await() {
    }

    /**
     * Polls {@code probe} until {@code done} accepts its value.
     *
     * @return the accepted value
     * @throws AssertionError after {@code timeout}, naming {@code what} and the last value or failure
     */
    public static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (true) {
            try {
                T value = probe.call();
                if (done.test(value)) {
                    return value;
                }
                last = value;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "; last seen: " + last);
            }
            sleep(POLL);
        }
    }

    /** Polls {@code probe} until it returns a value. */
    public static <T> T present(String what, Duration timeout, Supplier<Optional<T>> probe) {
        return until(what, timeout, probe::get, Optional::isPresent).orElseThrow();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
