package org.ucv.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SessionStoreTest {
    private static final Duration IDLE = Duration.ofMinutes(30);
    private final MutableClock clock = new MutableClock();
    private final SessionStore store = new SessionStore(clock, new SecureRandom());

    @Test
    void idsAreLongRandomAndUrlSafe() {
        String a = store.open("bob", IDLE);
        String b = store.open("bob", IDLE);
        assertNotEquals(a, b);
        assertEquals(43, a.length(), "256 bits in base64url without padding");
        assertTrue(a.matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void aSessionEndsAfterTheIdleTimeAndUseRenewsIt() {
        String id = store.open("bob", IDLE);
        clock.advance(IDLE.minusSeconds(1));
        assertEquals(Optional.of("bob"), store.use(id, IDLE));
        clock.advance(IDLE.minusSeconds(1));
        assertEquals(Optional.of("bob"), store.use(id, IDLE), "the use above renewed it");
        clock.advance(IDLE);
        assertEquals(Optional.empty(), store.use(id, IDLE));
        assertEquals(0, store.size());
    }

    @Test
    void aShorterIdleTimeAppliesToLiveSessions() {
        String id = store.open("bob", IDLE);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Optional.empty(), store.use(id, Duration.ofSeconds(3)));
    }

    @Test
    void endAndEndAll() {
        String a = store.open("bob", IDLE);
        String b = store.open("bob", IDLE);
        String c = store.open("alice", IDLE);
        store.end(a);
        assertEquals(Optional.empty(), store.use(a, IDLE));
        store.endAll("bob");
        assertEquals(Optional.empty(), store.use(b, IDLE));
        assertEquals(Optional.of("alice"), store.use(c, IDLE));
        store.end(null);
        store.end("unknown");
        assertEquals(Optional.empty(), store.use(null, IDLE));
    }

    @Test
    void theLeastRecentlyUsedGoesFirstWhenFull() {
        SessionStore small = new SessionStore(clock, new SecureRandom(), 2);
        String a = small.open("a", IDLE);
        String b = small.open("b", IDLE);
        small.use(a, IDLE);
        String c = small.open("c", IDLE);
        assertEquals(2, small.size());
        assertEquals(Optional.empty(), small.use(b, IDLE));
        assertEquals(Optional.of("a"), small.use(a, IDLE));
        assertEquals(Optional.of("c"), small.use(c, IDLE));
    }

    @Test
    void expiredSessionsAreSweptWhenOthersOpen() {
        for (int i = 0; i < 100; i++) {
            store.open("u" + i, IDLE);
        }
        clock.advance(IDLE.plusSeconds(1));
        store.open("fresh", IDLE);
        assertEquals(1, store.size());
    }
}
