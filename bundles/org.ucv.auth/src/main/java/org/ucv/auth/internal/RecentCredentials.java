package org.ucv.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials that were checked a moment ago. HTTP Basic sends the password with every request,
 * and a Web Console page loads dozens of resources: a PBKDF2 check for each would cost seconds of
 * CPU per page. A success is remembered for {@link #TTL} under an HMAC of user and password with a
 * key that exists only in this process (so the map holds nothing a stolen heap dump could test
 * guesses against offline), tied to the stored hash at that time: a password change or reset
 * misses. Bounded; the oldest entry goes first.
 */
final class RecentCredentials {
    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 1_000;

    private final Clock clock;
    private final SecretKeySpec key;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(String user, String passwordHash, Instant expires) {
    }

    RecentCredentials(Clock clock, SecureRandom random) {
        this.clock = clock;
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /**
     * @param currentHash the user's stored hash now, or null when the user is gone
     * @return whether these credentials were verified recently against that same hash
     */
    synchronized boolean known(String user, String password, String currentHash) {
        String id = id(user, password);
        Entry entry = entries.get(id);
        if (entry == null) {
            return false;
        }
        if (!entry.expires.isAfter(clock.instant()) || currentHash == null || !currentHash.equals(entry.passwordHash)) {
            entries.remove(id);
            return false;
        }
        return true;
    }

    /** Remembers credentials that were just verified against {@code passwordHash}. */
    synchronized void remember(String user, String password, String passwordHash) {
        Instant now = clock.instant();
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext() && !it.next().expires.isAfter(now)) {
            it.remove();
        }
        String id = id(user, password);
        entries.remove(id);
        entries.put(id, new Entry(user, passwordHash, now.plus(TTL)));
        if (entries.size() > MAX_ENTRIES) {
            Iterator<String> eldest = entries.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private String id(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
