package org.ucv.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final LoginThrottle.Limits LIMITS = new LoginThrottle.Limits(5, 100, Duration.ofSeconds(60));
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void fiveFailuresAreFreeThenTheNextAttemptWaitsOneSecond() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, throttle.check("bob", "10.0.0.1", LIMITS), "attempt " + (i + 1));
            throttle.failed("bob", "10.0.0.1", LIMITS);
        }
        Duration wait = throttle.check("bob", "10.0.0.1", LIMITS);
        assertTrue(wait.compareTo(Duration.ZERO) > 0, "the sixth attempt must wait");
    }

    @Test
    void delaysDoubleUpToTheCap() {
        assertEquals(Duration.ofSeconds(1), LoginThrottle.delay(0, Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(2), LoginThrottle.delay(1, Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(32), LoginThrottle.delay(5, Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(60), LoginThrottle.delay(6, Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(60), LoginThrottle.delay(400, Duration.ofSeconds(60)));
    }

    @Test
    void waitingAsToldGetsOneMoreTryAndEachFailureDoublesTheWait() {
        failTimes("bob", "a", 5);
        clock.advance(Duration.ofMillis(999));
        assertTrue(throttle.check("bob", "a", LIMITS).compareTo(Duration.ZERO) > 0, "refused, and counted");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Duration.ZERO, throttle.check("bob", "a", LIMITS));
        throttle.failed("bob", "a", LIMITS);
        clock.advance(Duration.ofMillis(3999));
        assertTrue(throttle.check("bob", "a", LIMITS).compareTo(Duration.ZERO) > 0);
    }

    @Test
    void aRefusedAttemptCountsSoHammeringKeepsItAtTheCap() {
        failTimes("bob", "a", 5);
        Duration last = Duration.ZERO;
        for (int i = 0; i < 10; i++) {
            last = throttle.check("bob", "a", LIMITS);
        }
        assertEquals(Duration.ofSeconds(60), last);
    }

    @Test
    void successClearsTheUserAndAddressCounter() {
        failTimes("bob", "a", 4);
        throttle.succeeded("bob", "a");
        failTimes("bob", "a", 4);
        assertEquals(Duration.ZERO, throttle.check("bob", "a", LIMITS));
    }

    @Test
    void otherUsersAndAddressesAreNotSlowedByOnesFailures() {
        failTimes("bob", "a", 8);
        assertEquals(Duration.ZERO, throttle.check("bob", "b", LIMITS));
        assertEquals(Duration.ZERO, throttle.check("alice", "a", LIMITS));
    }

    @Test
    void oneAddressGuessingManyUsersIsSlowedPastItsOwnLimit() {
        LoginThrottle.Limits limits = new LoginThrottle.Limits(5, 10, Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            assertEquals(Duration.ZERO, throttle.check("user" + i, "a", limits));
            throttle.failed("user" + i, "a", limits);
        }
        assertTrue(throttle.check("fresh", "a", limits).compareTo(Duration.ZERO) > 0);
        assertEquals(Duration.ZERO, throttle.check("fresh", "b", limits));
    }

    @Test
    void countersAreForgottenAfterAQuietPeriod() {
        failTimes("bob", "a", 5);
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        failTimes("bob", "a", 4);
        assertEquals(Duration.ZERO, throttle.check("bob", "a", LIMITS));
        assertEquals(2, throttle.size());
    }

    @Test
    void mapsAreBounded() {
        LoginThrottle small = new LoginThrottle(clock, 3);
        for (int i = 0; i < 10; i++) {
            small.failed("u" + i, "addr" + i, LIMITS);
        }
        assertEquals(6, small.size());
    }

    private void failTimes(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address, LIMITS);
        }
    }
}
