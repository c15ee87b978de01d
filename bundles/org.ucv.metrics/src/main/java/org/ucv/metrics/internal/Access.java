package org.ucv.metrics.internal;

import java.util.List;
import java.util.Optional;

import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.RequestCredentials;
import org.ucv.api.auth.Role;

/**
 * Who may read {@code /metrics} and {@code /health}: a logged-in viewer or admin (session cookie
 * or bearer token), or anyone from an address configured open for a scraper
 * ({@link AuthService#metricsOpenTo}). Anonymous viewing does not open them: they describe the
 * whole server, not one camera's picture.
 */
public final class Access {
    /** The challenge of every 401 (PROTOCOL.md). */
    public static final String CHALLENGE = "Bearer realm=\"ucv\"";

    private Access() {
    }

    /**
     * @param auth the auth service
     * @param remoteAddr the client's address
     * @param sessionCookies the values of every {@code ucv_session} cookie the request carries
     * @param authorization the {@code Authorization} header, or null
     * @return whether the request may read
     */
    public static boolean allowed(AuthService auth, String remoteAddr, List<String> sessionCookies,
                                  String authorization) {
        if (remoteAddr != null && auth.metricsOpenTo(remoteAddr)) {
            return true;
        }
        for (String id : sessionCookies) {
            if (viewer(auth.session(id))) {
                return true;
            }
        }
        Optional<String> bearer = RequestCredentials.bearer(authorization);
        return bearer.isPresent() && viewer(auth.session(bearer.get()));
    }

    private static boolean viewer(Optional<Principal> principal) {
        return principal.isPresent() && principal.get().may(Role.VIEWER);
    }
}
