package org.ucv.metrics.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-second sums of one quantity over the last few seconds: a ring of buckets, one per second.
 *
 * <p>Each bucket is one long holding its second (high 32 bits, stored +1 so that 0 means "never
 * written") and its sum (low 32 bits, saturating). Keeping both in one word lets a single CAS
 * move a bucket to a new second and count into it, so no add is lost to a concurrent reset and
 * no call allocates or locks.
 */
final class RateWindow {
    /** Whole seconds before the current one that a window covers. */
    static final int FULL_SECONDS = 4;
    private static final int SLOTS = FULL_SECONDS + 1;
    private static final long VALUE_MASK = 0xFFFF_FFFFL;

    private final AtomicLongArray slots = new AtomicLongArray(SLOTS);

    /**
     * @param second the second the amount belongs to (from {@link MeterClock#second(long)})
     * @param amount a non-negative amount
     */
    void add(long second, long amount) {
        int slot = (int) (second % SLOTS);
        long stamp = second + 1;
        while (true) {
            long current = slots.get(slot);
            long currentStamp = current >>> 32;
            long next;
            if (currentStamp == stamp) {
                next = (stamp << 32) | Math.min(VALUE_MASK, (current & VALUE_MASK) + amount);
            } else if (currentStamp > stamp) {
                // A thread that read the clock before a second boundary lost the race to one that
                // read it after; its bucket is gone from the ring, so the amount falls outside.
                return;
            } else {
                next = (stamp << 32) | Math.min(VALUE_MASK, amount);
            }
            if (slots.compareAndSet(slot, current, next)) {
                return;
            }
        }
    }

    /**
     * @param currentSecond the current second
     * @return the sum over the current second and the {@link #FULL_SECONDS} before it
     */
    long sum(long currentSecond) {
        long total = 0;
        for (int i = 0; i < SLOTS; i++) {
            long bucket = slots.get(i);
            long second = (bucket >>> 32) - 1;
            if (bucket != 0 && second <= currentSecond && second >= currentSecond - FULL_SECONDS) {
                total += bucket & VALUE_MASK;
            }
        }
        return total;
    }
}
