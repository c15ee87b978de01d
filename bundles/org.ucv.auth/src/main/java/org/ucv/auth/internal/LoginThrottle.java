package org.ucv.auth.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed logins per user+address and per address alone. Past a number of free failures
 * each further attempt is refused for a delay that doubles from one second up to a cap, and an
 * attempt refused that way counts as a failure too, so a script that keeps guessing stays at the
 * cap while a person who waits as told loses nothing more. A success clears its user+address
 * counter (not the address's, which would let one valid account unlock guessing at others);
 * counters are forgotten after a quiet period. Both maps are bounded: the oldest entry goes first.
 */
public final class LoginThrottle {
    /** A counter with no failure for this long starts again from zero. */
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    static final int MAX_ENTRIES = 10_000;
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

    private final Clock clock;
    private final int maxEntries;
    private final Map<String, Counter> byUser = new LinkedHashMap<>();
    private final Map<String, Counter> byAddress = new LinkedHashMap<>();

    /** Limits: free failures before delays start, per user+address and per address, and the delay cap. */
    public record Limits(int userFreeFailures, int addressFreeFailures, Duration maxDelay) {
    }

    private static final class Counter {
        int failures;
        Instant lastFailure;
        Instant blockedUntil = Instant.MIN;
    }

    public LoginThrottle(Clock clock) {
        this(clock, MAX_ENTRIES);
    }

    LoginThrottle(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    /**
     * Call before checking a password.
     *
     * @return zero when the attempt may go on; else how long the caller must wait (the attempt is
     *         then refused and already counted as a failure)
     */
    public synchronized Duration check(String user, String address, Limits limits) {
        Instant now = clock.instant();
        forgetQuiet(now);
        Duration wait = max(remaining(byUser.get(userKey(user, address)), now),
                remaining(byAddress.get(address), now));
        if (wait.isZero()) {
            return Duration.ZERO;
        }
        Duration after = record(user, address, limits, now);
        // Report the longer wait the refusal itself just caused: that is when the next try may pass.
        return max(wait, after);
    }

    /** Call after a wrong password (or an unknown user). */
    public synchronized void failed(String user, String address, Limits limits) {
        Instant now = clock.instant();
        forgetQuiet(now);
        record(user, address, limits, now);
    }

    /** Call after a right password: clears the user+address counter. */
    public synchronized void succeeded(String user, String address) {
        byUser.remove(userKey(user, address));
    }

    /** @return how many counters are kept (for tests) */
    synchronized int size() {
        return byUser.size() + byAddress.size();
    }

    private Duration record(String user, String address, Limits limits, Instant now) {
        Duration a = fail(byUser, userKey(user, address), limits.userFreeFailures(), limits.maxDelay(), now);
        Duration b = fail(byAddress, address, limits.addressFreeFailures(), limits.maxDelay(), now);
        return max(a, b);
    }

    private Duration fail(Map<String, Counter> map, String key, int free, Duration cap, Instant now) {
        // Re-inserted, so the map stays ordered by last failure and the quiet ones are at its head.
        Counter counter = map.remove(key);
        if (counter == null) {
            counter = new Counter();
        }
        counter.failures = Math.min(counter.failures + 1, Integer.MAX_VALUE - 1);
        counter.lastFailure = now;
        if (counter.failures >= free) {
            Duration delay = delay(counter.failures - free, cap);
            counter.blockedUntil = now.plus(delay);
        }
        map.put(key, counter);
        if (map.size() > maxEntries) {
            Iterator<String> eldest = map.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return remaining(counter, now);
    }

    /** @return 1 s, 2 s, 4 s ... for excess 0, 1, 2 ..., at most {@code cap} */
    static Duration delay(int excess, Duration cap) {
        Duration delay = excess >= 30 ? cap : FIRST_DELAY.multipliedBy(1L << excess);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    private void forgetQuiet(Instant now) {
        forgetQuiet(byUser, now);
        forgetQuiet(byAddress, now);
    }

    private static void forgetQuiet(Map<String, Counter> map, Instant now) {
        Iterator<Counter> it = map.values().iterator();
        while (it.hasNext()) {
            Counter counter = it.next();
            boolean quiet = counter.lastFailure.plus(FORGET_AFTER).isBefore(now) && !counter.blockedUntil.isAfter(now);
            if (!quiet) {
                return;
            }
            it.remove();
        }
    }

    private static Duration remaining(Counter counter, Instant now) {
        if (counter == null || !counter.blockedUntil.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, counter.blockedUntil);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String userKey(String user, String address) {
        // NUL cannot occur in an address: the pair is unambiguous.
        return user + '\u0000' + address;
    }
}
