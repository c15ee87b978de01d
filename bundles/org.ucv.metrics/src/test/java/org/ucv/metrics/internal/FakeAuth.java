package org.ucv.metrics.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.Role;
import org.ucv.api.auth.User;

/** Sessions the test sets up by hand; only what the endpoints ask is implemented. */
public final class FakeAuth implements AuthService {
    public final Map<String, Principal> sessions = new HashMap<>();
    public Set<String> openAddresses = Set.of();

    public FakeAuth session(String id, String user, Role role) {
        sessions.put(id, new Principal(user, role, false));
        return this;
    }

    @Override
    public Optional<Principal> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public boolean metricsOpenTo(String address) {
        return openAddresses.contains(address);
    }

    @Override public Session login(String user, String password, String address) { throw new UnsupportedOperationException(); }
    @Override public void logout(String sessionId) { throw new UnsupportedOperationException(); }
    @Override public String issueWsToken(Session session) { throw new UnsupportedOperationException(); }
    @Override public Optional<Session> redeemWsToken(String token) { throw new UnsupportedOperationException(); }
    @Override public Duration wsTokenLifetime() { return Duration.ofSeconds(60); }
    @Override public Duration sessionIdleTimeout() { return Duration.ofMinutes(30); }
    @Override public boolean anonymousViewers() { return false; }
    @Override public boolean originAllowed(String origin, String scheme, String host) { throw new UnsupportedOperationException(); }
    @Override public List<User> users() { throw new UnsupportedOperationException(); }
    @Override public void addUser(String name, Role role, String password) { throw new UnsupportedOperationException(); }
    @Override public void setPassword(String name, String password) { throw new UnsupportedOperationException(); }
    @Override public void changePassword(String name, String oldPassword, String newPassword) { throw new UnsupportedOperationException(); }
    @Override public void removeUser(String name) { throw new UnsupportedOperationException(); }
}
