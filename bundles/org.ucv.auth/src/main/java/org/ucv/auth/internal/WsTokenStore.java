package org.ucv.auth.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

import org.ucv.api.auth.AuthService.Session;

/**
 * Single-use tokens for one WebSocket upgrade (browsers cannot set headers on a WebSocket, and a
 * token in a URL ends up in logs: so it lives seconds and works once). Bounded: past
 * {@link #MAX_TOKENS} the oldest is dropped.
 */
public final class WsTokenStore {
    static final int MAX_TOKENS = 10_000;

    private final Clock clock;
    private final SecureRandom random;
    private final int maxTokens;
    /** Insertion order: with one lifetime for all, the head expires first. */
    private final LinkedHashMap<String, Entry> tokens = new LinkedHashMap<>();

    private record Entry(Session session, Instant expires) {
    }

    public WsTokenStore(Clock clock, SecureRandom random) {
        this(clock, random, MAX_TOKENS);
    }

    WsTokenStore(Clock clock, SecureRandom random, int maxTokens) {
        this.clock = clock;
        this.random = random;
        this.maxTokens = maxTokens;
    }

    /** @return a new token for {@code session}, valid for {@code lifetime} */
    public synchronized String issue(Session session, Duration lifetime) {
        Instant now = clock.instant();
        Iterator<Entry> it = tokens.values().iterator();
        while (it.hasNext() && !it.next().expires.isAfter(now)) {
            it.remove();
        }
        String token = SessionStore.newId(random);
        tokens.put(token, new Entry(session, now.plus(lifetime)));
        if (tokens.size() > maxTokens) {
            Iterator<String> eldest = tokens.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return token;
    }

    /**
     * @return the session the token was issued for, once, if it is known and not expired (whether
     *         that session still lives is the caller's check); the token is used up
     */
    public synchronized Optional<Session> redeem(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Entry entry = tokens.remove(token);
        if (entry == null || !entry.expires.isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.session);
    }

    /** @return tokens kept (for tests) */
    synchronized int size() {
        return tokens.size();
    }
}
