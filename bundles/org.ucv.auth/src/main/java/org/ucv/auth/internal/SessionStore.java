package org.ucv.auth.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Login sessions in memory: 256-bit random ids, an idle timeout renewed on every use, at most
 * {@link #MAX_SESSIONS} (the least recently used goes first). Ids are not persisted: a restart
 * logs everybody out, which is also what makes a stolen id worthless after one.
 */
public final class SessionStore {
    static final int MAX_SESSIONS = 10_000;
    private static final int ID_BYTES = 32;

    private final Clock clock;
    private final SecureRandom random;
    private final int maxSessions;
    /** Access order: the head is the least recently used, so expiry and eviction look only there. */
    private final LinkedHashMap<String, Entry> sessions = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Entry {
        final String user;
        Instant lastUsed;

        Entry(String user, Instant lastUsed) {
            this.user = user;
            this.lastUsed = lastUsed;
        }
    }

    public SessionStore(Clock clock, SecureRandom random) {
        this(clock, random, MAX_SESSIONS);
    }

    SessionStore(Clock clock, SecureRandom random, int maxSessions) {
        this.clock = clock;
        this.random = random;
        this.maxSessions = maxSessions;
    }

    /** @return a new random id (base64url, 43 characters), also usable for other secrets */
    public static String newId(SecureRandom random) {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @param user who logged in
     * @param idle the idle timeout now (to drop expired sessions first)
     * @return the new session's id
     */
    public synchronized String open(String user, Duration idle) {
        Instant now = clock.instant();
        expire(now, idle);
        String id = newId(random);
        sessions.put(id, new Entry(user, now));
        if (sessions.size() > maxSessions) {
            Iterator<String> eldest = sessions.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return id;
    }

    /**
     * @param id a session id
     * @param idle the idle timeout now
     * @return its user if it is live; its idle timer starts again
     */
    public synchronized Optional<String> use(String id, Duration idle) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry entry = sessions.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (expired(entry, now, idle)) {
            sessions.remove(id);
            return Optional.empty();
        }
        entry.lastUsed = now;
        return Optional.of(entry.user);
    }

    /** Ends one session; unknown ids are ignored. */
    public synchronized void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a user (password changed, user removed). */
    public synchronized void endAll(String user) {
        sessions.values().removeIf(entry -> entry.user.equals(user));
    }

    /** @return the number of live or not yet swept sessions */
    public synchronized int size() {
        return sessions.size();
    }

    private void expire(Instant now, Duration idle) {
        Iterator<Map.Entry<String, Entry>> it = sessions.entrySet().iterator();
        while (it.hasNext() && expired(it.next().getValue(), now, idle)) {
            it.remove();
        }
    }

    private static boolean expired(Entry entry, Instant now, Duration idle) {
        return !entry.lastUsed.plus(idle).isAfter(now);
    }
}
