package org.ucv.metrics.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A clock the test moves by hand. Starts at an arbitrary non-zero value, as nanoTime does. */
final class FakeClock implements LongSupplier {
    private final AtomicLong nanos = new AtomicLong(987_654_321_000L);

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }

    void advanceNanos(long n) {
        nanos.addAndGet(n);
    }
}
