package org.ucv.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.ucv.api.auth.AuthService.Session;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.Role;

class WsTokenStoreTest {
    private static final Duration LIFE = Duration.ofSeconds(60);
    private static final Session BOB = new Session("s-bob", new Principal("bob", Role.VIEWER, false));
    private final MutableClock clock = new MutableClock();
    private final WsTokenStore store = new WsTokenStore(clock, new SecureRandom());

    @Test
    void aTokenWorksOnce() {
        String token = store.issue(BOB, LIFE);
        assertEquals(Optional.of(BOB), store.redeem(token));
        assertEquals(Optional.empty(), store.redeem(token));
        assertEquals(Optional.empty(), store.redeem(null));
    }

    @Test
    void aTokenExpires() {
        String token = store.issue(BOB, LIFE);
        clock.advance(LIFE);
        assertEquals(Optional.empty(), store.redeem(token));
    }

    @Test
    void expiredTokensAreSweptAndTheMapIsBounded() {
        for (int i = 0; i < 50; i++) {
            store.issue(BOB, LIFE);
        }
        clock.advance(LIFE.plusSeconds(1));
        store.issue(BOB, LIFE);
        assertEquals(1, store.size());

        WsTokenStore small = new WsTokenStore(clock, new SecureRandom(), 2);
        String first = small.issue(BOB, LIFE);
        small.issue(BOB, LIFE);
        small.issue(BOB, LIFE);
        assertEquals(2, small.size());
        assertEquals(Optional.empty(), small.redeem(first));
    }
}
