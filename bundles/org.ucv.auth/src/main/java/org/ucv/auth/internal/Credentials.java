package org.ucv.auth.internal;

import java.util.List;
import java.util.Optional;

import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.RequestCredentials;

/** Finds the session a request presents: a bearer token, else a {@code ucv_session} cookie. */
public final class Credentials {
    private Credentials() {
    }

    /**
     * @param sessionId the id presented
     * @param principal whose session it is
     * @param fromCookie whether it came as a cookie (else as a bearer token)
     */
    public record Presented(String sessionId, Principal principal, boolean fromCookie) {
    }

    /**
     * A bearer header, when sent, decides alone: a script's stale token must not be rescued by a
     * browser cookie. Several cookies of the name can arrive (another path set one): the first
     * live one counts.
     *
     * @return the live session presented, if any (its idle timer is renewed)
     */
    public static Optional<Presented> resolve(AuthService auth, String authorization, List<String> cookies) {
        Optional<String> bearer = RequestCredentials.bearer(authorization);
        if (bearer.isPresent()) {
            return auth.session(bearer.get()).map(p -> new Presented(bearer.get(), p, false));
        }
        for (String id : cookies) {
            Optional<Principal> principal = auth.session(id);
            if (principal.isPresent()) {
                return Optional.of(new Presented(id, principal.get(), true));
            }
        }
        return Optional.empty();
    }

    /**
     * @return a {@code Set-Cookie} value for a session: HttpOnly (no script reads it),
     *         SameSite=Strict (no other site's page sends it), Secure on HTTPS, no Max-Age (gone
     *         when the browser closes)
     */
    public static String sessionCookie(String sessionId, boolean secure) {
        return AuthService.SESSION_COOKIE + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** @return a {@code Set-Cookie} value that deletes the session cookie */
    public static String clearedCookie(boolean secure) {
        return AuthService.SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
