package org.ucv.web.ws.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.AuthService.Session;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.RequestCredentials;
import org.ucv.api.auth.Role;

/**
 * What a WebSocket upgrade request offers as proof of login, read from the raw header and query
 * text: the {@code ucv_session} cookie (browsers send it with the upgrade), a one-time
 * {@code ?token=} from {@code POST /api/ws-token} (for clients that cannot send the cookie), or an
 * {@code Authorization: Bearer} session token (scripts).
 *
 * @param sessionCookies the values of every {@code ucv_session} cookie, in the order sent
 * @param token the {@code token} query parameter, or null
 * @param bearer the bearer token, or null
 */
public record Credentials(List<String> sessionCookies, String token, String bearer) {
    /** None at all. */
    public static final Credentials NONE = new Credentials(List.of(), null, null);

    public Credentials {
        sessionCookies = List.copyOf(sessionCookies);
    }

    /**
     * @param cookieHeaders every {@code Cookie} header of the request (null or empty when none)
     * @param query the raw query string (without {@code ?}), or null
     * @param authorization the {@code Authorization} header, or null
     * @return the credentials offered
     */
    public static Credentials parse(List<String> cookieHeaders, String query, String authorization) {
        return new Credentials(RequestCredentials.sessionCookies(cookieHeaders),
                queryParam(query, AuthService.WS_TOKEN_PARAM), RequestCredentials.bearer(authorization).orElse(null));
    }

    /** @return whether the request offered any credential at all */
    public boolean any() {
        return !sessionCookies.isEmpty() || token != null || bearer != null;
    }

    /**
     * Decides who the socket belongs to, and through which session. A token is always redeemed
     * when present, even if a cookie already proves the login, so that it cannot be used again;
     * then the first valid of cookie, token and bearer wins. Without a valid one, the socket is an
     * anonymous viewer when the server allows those.
     *
     * @param auth the auth service
     * @return the session the socket logged in through (its id is the cookie's or bearer's, or
     *         the one the token was issued from; null for an anonymous viewer), or empty when
     *         the socket must be refused
     */
    public Optional<Session> login(AuthService auth) {
        Optional<Session> byToken = token != null ? auth.redeemWsToken(token) : Optional.empty();
        for (String id : sessionCookies) {
            Optional<Principal> p = auth.session(id);
            if (mayView(p)) {
                return Optional.of(new Session(id, p.get()));
            }
        }
        if (byToken.isPresent() && mayView(Optional.of(byToken.get().principal()))) {
            return byToken;
        }
        if (bearer != null) {
            Optional<Principal> p = auth.session(bearer);
            if (mayView(p)) {
                return Optional.of(new Session(bearer, p.get()));
            }
        }
        return auth.anonymousViewers() ? Optional.of(new Session(null, Principal.anonymousViewer())) : Optional.empty();
    }

    /**
     * @return the human text of the {@code unauthorized} error for a refused socket; it names how
     *         to log in and never echoes the credential
     */
    public String refusal() {
        String how = "log in with POST /api/login (the ucv_session cookie), or open the socket with ?token= from"
                + " POST /api/ws-token, or send Authorization: Bearer <session token>";
        return any() ? "log in first: the session or token is not valid (expired, logged out or already used); " + how
                : "log in first: watching cameras needs a login; " + how;
    }

    private static boolean mayView(Optional<Principal> p) {
        return p.isPresent() && p.get().may(Role.VIEWER);
    }

    /** @return the first value of {@code name} in a URL query, percent-decoded; null when absent or empty */
    static String queryParam(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            if (!decode(key).equals(name) || eq < 0) {
                continue;
            }
            String value = decode(part.substring(eq + 1));
            return value.isEmpty() ? null : value;
        }
        return null;
    }

    /** A malformed escape reads as no match rather than failing the upgrade. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Never prints a credential: this record may end up in a log line. */
    @Override
    public String toString() {
        return "Credentials[cookies=" + sessionCookies.size() + ", token=" + (token != null) + ", bearer="
                + (bearer != null) + "]";
    }
}
