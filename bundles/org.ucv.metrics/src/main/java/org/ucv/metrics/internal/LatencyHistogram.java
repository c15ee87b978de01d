package org.ucv.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.ucv.api.metrics.CameraTotals;

/**
 * Capture-to-send latency of one camera's frames as fixed buckets. Recording is lock-free and
 * allocates nothing; a snapshot turns the per-bucket counts into Prometheus' cumulative form.
 */
final class LatencyHistogram {
    /** Upper bounds in ms: live view is judged in tens of ms, and past a few seconds it is useless. */
    static final double[] BOUNDS_MS = {5, 10, 25, 50, 100, 250, 500, 1000, 2500};

    /** One adder per bound plus the last one for everything above the highest bound. */
    private final LongAdder[] buckets = new LongAdder[BOUNDS_MS.length + 1];
    private final LongAdder sumMicros = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** @param micros one frame's latency; negative values (clocks stepped back) count as 0 */
    void observe(long micros) {
        long m = Math.max(0, micros);
        int i = 0;
        // Compared in microseconds so that a value exactly on a bound falls into that bound ("le").
        while (i < BOUNDS_MS.length && m > (long) (BOUNDS_MS[i] * 1000)) {
            i++;
        }
        buckets[i].increment();
        sumMicros.add(m);
    }

    /**
     * The count is the sum of the buckets read here, not a counter of its own, so the +Inf bucket
     * always equals the count even while frames are being recorded.
     */
    CameraTotals.Histogram snapshot() {
        List<Double> bounds = new ArrayList<>(BOUNDS_MS.length);
        List<Long> cumulative = new ArrayList<>(BOUNDS_MS.length);
        long running = 0;
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            running += buckets[i].sum();
            bounds.add(BOUNDS_MS[i]);
            cumulative.add(running);
        }
        running += buckets[BOUNDS_MS.length].sum();
        return new CameraTotals.Histogram(bounds, cumulative, running, sumMicros.sum() / 1000.0);
    }
}
