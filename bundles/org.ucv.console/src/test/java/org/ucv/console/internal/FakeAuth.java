package org.ucv.console.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.ucv.api.auth.AuthException;
import org.ucv.api.auth.AuthException.Reason;
import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.Role;
import org.ucv.api.auth.User;

/** Users in a map with their passwords, so a test can check what was set. */
final class FakeAuth implements AuthService {
    final Map<String, Role> roles = new TreeMap<>();
    final Map<String, String> passwords = new TreeMap<>();

    FakeAuth() {
        roles.put("admin", Role.ADMIN);
        passwords.put("admin", "old-admin-password");
    }

    @Override
    public List<User> users() {
        return roles.entrySet().stream().map(e -> new User(e.getKey(), e.getValue())).toList();
    }

    @Override
    public void addUser(String name, Role role, String password) throws AuthException {
        if (roles.containsKey(name)) {
            throw new AuthException(Reason.EXISTS, "user '" + name + "' exists");
        }
        if (name.isBlank()) {
            throw new AuthException(Reason.INVALID, "the user name is empty");
        }
        roles.put(name, role);
        passwords.put(name, password);
    }

    @Override
    public void setPassword(String name, String password) throws AuthException {
        if (!roles.containsKey(name)) {
            throw new AuthException(Reason.NO_SUCH_USER, "no user '" + name + "'");
        }
        passwords.put(name, password);
    }

    @Override
    public void removeUser(String name) throws AuthException {
        if (!roles.containsKey(name)) {
            throw new AuthException(Reason.NO_SUCH_USER, "no user '" + name + "'");
        }
        if (roles.get(name) == Role.ADMIN && roles.values().stream().filter(r -> r == Role.ADMIN).count() == 1) {
            throw new AuthException(Reason.FORBIDDEN, "the last admin cannot be removed");
        }
        roles.remove(name);
        passwords.remove(name);
    }

    @Override
    public Session login(String user, String password, String address) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Principal> session(String sessionId) {
        return Optional.empty();
    }

    @Override
    public void logout(String sessionId) {
    }

    @Override
    public String issueWsToken(Session session) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Session> redeemWsToken(String token) {
        return Optional.empty();
    }

    @Override
    public Duration wsTokenLifetime() {
        return Duration.ofSeconds(60);
    }

    @Override
    public Duration sessionIdleTimeout() {
        return Duration.ofMinutes(30);
    }

    @Override
    public boolean anonymousViewers() {
        return false;
    }

    @Override
    public boolean originAllowed(String origin, String scheme, String host) {
        return true;
    }

    @Override
    public boolean metricsOpenTo(String address) {
        return false;
    }

    @Override
    public void changePassword(String name, String oldPassword, String newPassword) {
        throw new UnsupportedOperationException();
    }
}
