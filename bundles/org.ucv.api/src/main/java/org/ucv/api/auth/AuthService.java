package org.ucv.api.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Users (kept in ConfigAdmin with salted slow hashes), login sessions and bearer tokens, short
 * WebSocket tokens, login throttling, and the access rules every HTTP surface applies. The web
 * bundles read credentials from a request (the {@link #SESSION_COOKIE} cookie, an
 * {@code Authorization: Bearer} header, or the WebSocket's {@code ?token=}) and ask this service.
 * Passwords are never returned, logged or kept in clear.
 */
@ProviderType
public interface AuthService {
    /** Name of the session cookie (HttpOnly, SameSite=Strict, Secure on HTTPS). */
    String SESSION_COOKIE = "ucv_session";
    /** Query parameter of the WebSocket URL that carries a token from {@link #issueWsToken}. */
    String WS_TOKEN_PARAM = "token";

    /**
     * Checks a password and opens a session. Failures are counted per user+address and per
     * address; past a few, attempts are refused for a growing delay (even a right password).
     *
     * @param user the user name
     * @param password the password
     * @param address the client's address (for throttling)
     * @return the new session
     * @throws AuthException {@link AuthException.Reason#BAD_CREDENTIALS} or
     *         {@link AuthException.Reason#THROTTLED}
     */
    Session login(String user, String password, String address) throws AuthException;

    /**
     * @param sessionId a session id (cookie value or bearer token)
     * @return who it belongs to, if the session is live; using it resets its idle timer
     */
    Optional<Principal> session(String sessionId);

    /** Ends a session; unknown ids are ignored. */
    void logout(String sessionId);

    /**
     * The token remembers the session it was issued from, so that a socket opened with it ends
     * when that session ends (logout, expiry, password change, user removed).
     *
     * @param session the live session the request came with; or, when anonymous viewers are
     *        allowed and nobody logged in, {@code new Session(null, Principal.anonymousViewer())}
     * @return a single-use token for one WebSocket upgrade, valid for {@link #wsTokenLifetime()}
     */
    String issueWsToken(Session session);

    /**
     * @param token a token from {@link #issueWsToken}
     * @return its session, once (the token is consumed): with the principal as it is now, and
     *         the id of the session it was issued from ({@code null} for an anonymous viewer);
     *         empty when the token is unknown or expired, or that session has ended since, or
     *         anonymous viewing was turned off since
     */
    Optional<Session> redeemWsToken(String token);

    /** @return how long a WebSocket token stays valid */
    Duration wsTokenLifetime();

    /** @return how long a session lives without being used */
    Duration sessionIdleTimeout();

    /** @return whether clients that did not log in may view (WebSocket and read-only REST) */
    boolean anonymousViewers();

    /**
     * WebSocket {@code Origin} check: the same origin as the request's own host is always
     * allowed, others only when configured.
     *
     * @param origin the request's Origin header, or null (non-browser clients send none)
     * @param scheme the request's scheme ({@code http} or {@code https})
     * @param host the request's Host header (host[:port])
     * @return whether the upgrade may go on
     */
    boolean originAllowed(String origin, String scheme, String host);

    /**
     * @param address the client's address
     * @return whether {@code /metrics} and {@code /health} may be read without login from this
     *         address (configured open for a scraper on loopback)
     */
    boolean metricsOpenTo(String address);

    /** @return every user, sorted by name */
    List<User> users();

    /**
     * Adds a user.
     *
     * @throws AuthException {@link AuthException.Reason#EXISTS} or {@link AuthException.Reason#INVALID}
     */
    void addUser(String name, Role role, String password) throws AuthException;

    /**
     * Sets a user's password (admin reset). Ends that user's sessions.
     *
     * @throws AuthException {@link AuthException.Reason#NO_SUCH_USER} or {@link AuthException.Reason#INVALID}
     */
    void setPassword(String name, String password) throws AuthException;

    /**
     * A user changes their own password; the old one must match. Ends the user's other sessions.
     *
     * @throws AuthException {@link AuthException.Reason#BAD_CREDENTIALS} or {@link AuthException.Reason#INVALID}
     */
    void changePassword(String name, String oldPassword, String newPassword) throws AuthException;

    /**
     * Removes a user and ends their sessions. The last admin cannot be removed.
     *
     * @throws AuthException {@link AuthException.Reason#NO_SUCH_USER} or {@link AuthException.Reason#FORBIDDEN}
     */
    void removeUser(String name) throws AuthException;

    /**
     * A live session.
     *
     * @param id the secret id: the cookie value, or the bearer token; {@code null} only for an
     *        anonymous viewer, who has no session (see {@link #issueWsToken})
     * @param principal who logged in
     */
    record Session(String id, Principal principal) {
    }
}
