package org.ucv.web.ws.internal;

import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.AuthService.Session;
import org.ucv.api.auth.Role;

/**
 * What an open socket re-checks now and then: a login is proven only at the upgrade, and nobody
 * may keep watching after their session ended (logout, expiry, a password change or reset, the
 * user's removal). A socket logged in through a session (cookie, bearer, or a WebSocket token
 * issued from a session) keeps that session's id and asks {@link AuthService#session} again;
 * asking renews the session's idle timer, so a session is not lost while its owner watches. An
 * anonymous socket has no session: it ends only when anonymous viewing is turned off.
 */
public final class LoginCheck {
    private final String cameraId;
    /** The session's id; null for an anonymous viewer. Never printed: it is the credential. */
    private final String sessionId;

    /**
     * @param cameraId the socket's camera id (for the message)
     * @param login what the upgrade logged in with (its id is null for an anonymous viewer)
     */
    public LoginCheck(String cameraId, Session login) {
        this.cameraId = cameraId;
        this.sessionId = login.id();
    }

    /** @return whether the socket watches a session (false for an anonymous viewer) */
    public boolean hasSession() {
        return sessionId != null;
    }

    /**
     * @param auth the auth service
     * @return null while the login holds; else the text of the fatal {@code unauthorized} error
     *         that ends the socket
     */
    public String ended(AuthService auth) {
        if (sessionId != null) {
            boolean live = auth.session(sessionId).map(p -> p.may(Role.VIEWER)).orElse(false);
            return live ? null : "camera " + cameraId
                    + ": your session ended (logged out, expired, or the password changed); log in again";
        }
        return auth.anonymousViewers() ? null : "camera " + cameraId
                + ": anonymous viewing was turned off; log in to watch";
    }
}
