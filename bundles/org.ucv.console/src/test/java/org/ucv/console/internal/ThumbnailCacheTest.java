package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.ErrorCode;

class ThumbnailCacheTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger taken = new AtomicInteger();
    private final ThumbnailCache cache = new ThumbnailCache(Duration.ofSeconds(5), now::get);

    private byte[] take() {
        return new byte[] {(byte) taken.incrementAndGet()};
    }

    @Test
    void servesAFreshThumbnailAgain() throws ToolException {
        byte[] first = cache.get("demo", this::take);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertArrayEquals(first, cache.get("demo", this::take));
        assertEquals(1, taken.get());
    }

    @Test
    void takesANewOneWhenOld() throws ToolException {
        cache.get("demo", this::take);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertArrayEquals(new byte[] {2}, cache.get("demo", this::take));
    }

    @Test
    void doesNotKeepFailures() throws ToolException {
        assertThrows(ToolException.class, () -> cache.get("demo", () -> {
            throw new ToolException(ErrorCode.TIMEOUT, "no picture");
        }));
        assertArrayEquals(new byte[] {1}, cache.get("demo", this::take));
    }

    @Test
    void zeroTtlTurnsItOff() throws ToolException {
        ThumbnailCache off = new ThumbnailCache(Duration.ZERO, now::get);
        off.get("demo", this::take);
        off.get("demo", this::take);
        assertEquals(2, taken.get());
    }

    @Test
    void isBounded() throws ToolException {
        for (int i = 0; i <= ThumbnailCache.MAX_ENTRIES; i++) {
            cache.get("cam" + i, this::take);
        }
        int before = taken.get();
        cache.get("cam0", this::take);
        assertEquals(before + 1, taken.get(), "the eldest entry was evicted");
        cache.get("cam" + ThumbnailCache.MAX_ENTRIES, this::take);
        assertEquals(before + 1, taken.get(), "the newest is still there");
    }
}
