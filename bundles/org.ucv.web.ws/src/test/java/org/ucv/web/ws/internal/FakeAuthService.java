package org.ucv.web.ws.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.Role;
import org.ucv.api.auth.User;

/**
 * Sessions and tokens the test sets up by hand. The Origin rule is the real one's default: no
 * Origin, or one naming the request's own scheme and host, is allowed.
 */
public final class FakeAuthService implements AuthService {
    public final Map<String, Principal> sessions = new ConcurrentHashMap<>();
    public final Map<String, Session> tokens = new ConcurrentHashMap<>();
    public final List<String> redeemed = new CopyOnWriteArrayList<>();
    public final List<String> originsAsked = new CopyOnWriteArrayList<>();
    public volatile boolean anonymous;

    public FakeAuthService session(String id, String user, Role role) {
        sessions.put(id, new Principal(user, role, false));
        return this;
    }

    /** A token issued from a live session, whose id is {@link #sessionOf} the token. */
    public FakeAuthService token(String token, String user, Role role) {
        Principal principal = new Principal(user, role, false);
        sessions.put(sessionOf(token), principal);
        tokens.put(token, new Session(sessionOf(token), principal));
        return this;
    }

    /** @return the id of the session a token of {@link #token} was issued from */
    public static String sessionOf(String token) {
        return "session-of-" + token;
    }

    @Override
    public Optional<Principal> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public Optional<Session> redeemWsToken(String token) {
        redeemed.add(token);
        return Optional.ofNullable(tokens.remove(token));
    }

    @Override
    public boolean anonymousViewers() {
        return anonymous;
    }

    @Override
    public boolean originAllowed(String origin, String scheme, String host) {
        originsAsked.add(origin + " " + scheme + " " + host);
        return origin == null || origin.equalsIgnoreCase(scheme + "://" + host);
    }

    @Override public Session login(String user, String password, String address) { throw new UnsupportedOperationException(); }
    @Override public void logout(String sessionId) { sessions.remove(sessionId); }
    @Override public String issueWsToken(Session session) { throw new UnsupportedOperationException(); }
    @Override public Duration wsTokenLifetime() { return Duration.ofSeconds(60); }
    @Override public Duration sessionIdleTimeout() { return Duration.ofMinutes(30); }
    @Override public boolean metricsOpenTo(String address) { return false; }
    @Override public List<User> users() { throw new UnsupportedOperationException(); }
    @Override public void addUser(String name, Role role, String password) { throw new UnsupportedOperationException(); }
    @Override public void setPassword(String name, String password) { throw new UnsupportedOperationException(); }
    @Override public void changePassword(String name, String oldPassword, String newPassword) { throw new UnsupportedOperationException(); }
    @Override public void removeUser(String name) { throw new UnsupportedOperationException(); }
}
