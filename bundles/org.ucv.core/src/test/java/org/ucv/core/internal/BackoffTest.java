package org.ucv.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.ErrorCode;

class BackoffTest {
    @Test
    void quickRetriesThenSlowerUpToAMinute() {
        Backoff b = new Backoff();
        long[] delays = IntStream.range(0, 12).mapToLong(i -> b.next(ErrorCode.CAMERA_UNREACHABLE, 0)).toArray();
        assertArrayEquals(new long[] {1_000, 1_000, 1_000, 1_000, 1_000, 5_000, 10_000, 30_000, 60_000, 60_000, 60_000,
            60_000}, delays);
        assertEquals(12, b.attempt());
    }

    @Test
    void authFailureStartsSlow() {
        Backoff b = new Backoff();
        long[] delays = IntStream.range(0, 5).mapToLong(i -> b.next(ErrorCode.AUTH_FAILED, 0)).toArray();
        assertArrayEquals(new long[] {10_000, 30_000, 60_000, 60_000, 60_000}, delays);
    }

    @Test
    void anAuthFailureLateInTheScheduleKeepsItsPlace() {
        Backoff b = new Backoff();
        b.next(ErrorCode.TIMEOUT, 0);
        assertEquals(30_000, b.next(ErrorCode.AUTH_FAILED, 0), "attempt 2 of the auth schedule");
    }

    @Test
    void streamingStablyStartsTheScheduleAgain() {
        Backoff b = new Backoff();
        for (int i = 0; i < 7; i++) {
            b.next(ErrorCode.CAMERA_UNREACHABLE, 0);
        }
        b.streaming(1_000);
        assertEquals(30_000, b.next(ErrorCode.CAMERA_UNREACHABLE, 1_000 + Backoff.STABLE_MS - 1), "too short to count");
        b.streaming(100_000);
        assertEquals(1_000, b.next(ErrorCode.CAMERA_UNREACHABLE, 100_000 + Backoff.STABLE_MS));
        assertEquals(1, b.attempt());
    }
}
