package org.ucv.api.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the credentials a request offers from its raw header text, the same way on every HTTP
 * surface (REST, WebSocket, metrics, auth): the {@value AuthService#SESSION_COOKIE} cookie and the
 * {@code Authorization: Bearer} token. Only parsing: what a credential is worth, and which one
 * wins, stays each surface's rule (it asks {@link AuthService}). Works on header strings, so it
 * needs no servlet API.
 */
public final class RequestCredentials {
    private static final String BEARER = "bearer ";

    private RequestCredentials() {
    }

    /**
     * RFC 6265 {@code Cookie: a=b; c="d"}. Several cookies of the name can arrive (another path
     * set one, or several headers): all are returned, in the order sent, so the caller can take
     * the first one its auth service accepts.
     *
     * @param cookieHeaders every {@code Cookie} header of the request (null or empty when none;
     *        null elements are skipped)
     * @return the non-empty values of every {@value AuthService#SESSION_COOKIE} cookie, unquoted
     */
    public static List<String> sessionCookies(Collection<String> cookieHeaders) {
        List<String> values = new ArrayList<>(1);
        if (cookieHeaders == null) {
            return values;
        }
        for (String header : cookieHeaders) {
            if (header == null) {
                continue;
            }
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0 || !pair.substring(0, eq).trim().equals(AuthService.SESSION_COOKIE)) {
                    continue;
                }
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @return the token of {@code Bearer <token>} (scheme in any case, token trimmed); empty when
     *         the header is missing, of another scheme, or has no token
     */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String h = authorization.trim();
        if (h.length() <= BEARER.length()
                || !h.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        String token = h.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
