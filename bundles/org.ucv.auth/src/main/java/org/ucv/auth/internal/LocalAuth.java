package org.ucv.auth.internal;

import org.ucv.api.auth.AuthException;
import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.Principal;

/**
 * What this bundle's own servlet and Web Console provider need besides the public API: a checked
 * login that opens no session (HTTP Basic on every console request must not fill the session
 * table), and the client's address on a password change, for throttling.
 */
public interface LocalAuth extends AuthService {
    /**
     * The throttled password check of {@link #login}, without a session.
     *
     * @return the user's principal
     * @throws AuthException BAD_CREDENTIALS or THROTTLED
     */
    Principal verify(String user, String password, String address) throws AuthException;

    /**
     * {@link #verify} for credentials a client sends with every request (HTTP Basic): a success
     * with the same user and password against the same stored hash within the last minutes is
     * answered from memory instead of another slow hash.
     */
    Principal verifyRepeated(String user, String password, String address) throws AuthException;

    /** @return a new session for a principal whose password was just checked */
    Session openSession(Principal principal);

    /**
     * {@link #changePassword(String, String, String)} with the old password checked (and
     * throttled) as a login from {@code address}.
     */
    void changePassword(String name, String oldPassword, String newPassword, String address) throws AuthException;
}
