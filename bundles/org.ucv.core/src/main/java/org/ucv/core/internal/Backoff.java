package org.ucv.core.internal;

import org.ucv.api.spi.ErrorCode;

/**
 * The reconnect schedule of one camera session. Quick retries first (a camera that rebooted comes
 * back within seconds), then slower ones so a dead camera costs little; after {@code auth_failed}
 * retries start slow because wrong credentials rarely fix themselves and cameras lock accounts
 * that hammer them. The count starts again once the camera has streamed for {@link #STABLE_MS}.
 */
public final class Backoff {
    /** Delays after a lost connection or any failure but auth, attempt 1, 2, ...; the last repeats. */
    static final long[] NORMAL_MS = {1_000, 1_000, 1_000, 1_000, 1_000, 5_000, 10_000, 30_000, 60_000};
    /** Delays after {@code auth_failed}; the last repeats. */
    static final long[] AUTH_FAILED_MS = {10_000, 30_000, 60_000};
    /** Streaming this long counts as recovered: the next failure starts the schedule again. */
    static final long STABLE_MS = 10_000;

    private int attempt;
    private long streamingSinceMs = -1;

    /**
     * @param cause why the source ended
     * @param nowMs the current time in milliseconds (any monotonic clock)
     * @return how long to wait before the next attempt
     */
    public synchronized long next(ErrorCode cause, long nowMs) {
        if (streamingSinceMs >= 0 && nowMs - streamingSinceMs >= STABLE_MS) {
            attempt = 0;
        }
        streamingSinceMs = -1;
        attempt++;
        long[] schedule = cause == ErrorCode.AUTH_FAILED ? AUTH_FAILED_MS : NORMAL_MS;
        return schedule[Math.min(attempt, schedule.length) - 1];
    }

    /** @return the attempt that the last {@link #next} scheduled (1, 2, ...), 0 before any */
    public synchronized int attempt() {
        return attempt;
    }

    /** @param nowMs when pictures started to flow from a (re)opened source */
    public synchronized void streaming(long nowMs) {
        streamingSinceMs = nowMs;
    }
}
