package org.ucv.metrics.internal;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The time base shared by all meters of one metrics service: a monotonic nanosecond source and a
 * common origin, so that the buckets of a stream and of its viewers name the same seconds and can
 * be summed together.
 */
final class MeterClock {
    static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanos;
    private final long origin;

    /** @param nanos a monotonic clock in nanoseconds, e.g. {@code System::nanoTime} */
    MeterClock(LongSupplier nanos) {
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.origin = nanos.getAsLong();
    }

    long now() {
        return nanos.getAsLong();
    }

    /** @return the whole seconds from the origin to {@code now} */
    long second(long now) {
        return Math.max(0, now - origin) / NANOS_PER_SECOND;
    }

    /**
     * The time a rate of a meter started at {@code start} is measured over: its age while it is
     * younger than the window, else the window's whole seconds plus the elapsed part of the
     * current one. Never below one second, so the first frames cannot read as hundreds of fps.
     */
    double spanSeconds(long start, long now) {
        double age = (now - start) / (double) NANOS_PER_SECOND;
        long sinceOrigin = Math.max(0, now - origin);
        double window = RateWindow.FULL_SECONDS + (sinceOrigin % NANOS_PER_SECOND) / (double) NANOS_PER_SECOND;
        return Math.max(1.0, Math.min(age, window));
    }

    static double seconds(long nanos) {
        return nanos / (double) NANOS_PER_SECOND;
    }
}
