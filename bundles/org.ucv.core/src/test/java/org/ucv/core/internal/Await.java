package org.ucv.core.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits for conditions; the bound is generous, the condition is the assertion. */
final class Await {
    static final Duration DEFAULT = Duration.ofSeconds(5);

    private Await() {
    }

    static void until(BooleanSupplier condition, String what) {
        until(condition, DEFAULT, () -> what);
    }

    static void until(BooleanSupplier condition, Duration bound, Supplier<String> what) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + bound.toMillis() + " ms: " + what.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for: " + what.get());
            }
        }
    }
}
