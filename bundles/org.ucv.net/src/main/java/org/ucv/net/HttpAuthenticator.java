package org.ucv.net;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * HTTP client authentication for one camera: answers {@code 401} challenges with Basic (RFC 7617)
 * or Digest (RFC 7616, {@code qop=auth}, MD5, SHA-256 and SHA-512-256, plain or {@code -sess}),
 * and then authenticates every later request to the same server preemptively, counting the
 * nonce ({@code nc}) per request.
 *
 * <p>Use: send a request with {@link #authorization(String, String)} (empty at first); on a
 * {@code 401} pass its {@code WWW-Authenticate} values to {@link #onUnauthorized(List)} and resend
 * when it says {@link Outcome#RETRY}; call {@link #succeeded()} after an authenticated success.
 * Thread-safe. Never logs or exposes the password ({@link #toString()} shows the scheme only).
 */
public final class HttpAuthenticator {
    /** What to do after a {@code 401}. */
    public enum Outcome {
        /** Resend the request with the new {@link #authorization(String, String)}. */
        RETRY,
        /** The server refused these credentials: an authentication failure. */
        REJECTED,
        /** The server asks for authentication but no user name was configured. */
        NO_CREDENTIALS,
        /** None of the server's challenges is one this class can answer (e.g. only NTLM). */
        UNSUPPORTED
    }

    /** Consecutive 401s tolerated without a success in between (a stale nonce, then a fresh one). */
    private static final int MAX_RETRIES_WITHOUT_SUCCESS = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String username;
    private final String password;
    private final Supplier<String> cnonces;

    private Challenge challenge;
    private DigestAlgorithm algorithm;
    private boolean session;
    private String sessionCnonce;
    private long nonceCount;
    private boolean lastRequestAuthenticated;
    private boolean nonceProven;
    private int retriesWithoutSuccess;

    /**
     * @param username the user, or null/empty for none
     * @param password the password, or null for an empty one
     */
    public HttpAuthenticator(String username, String password) {
        this(username, password, HttpAuthenticator::randomCnonce);
    }

    /**
     * @param username the user, or null/empty for none
     * @param password the password, or null for an empty one
     * @param cnonces makes client nonces (tests pass fixed ones)
     */
    HttpAuthenticator(String username, String password, Supplier<String> cnonces) {
        this.username = username == null || username.isEmpty() ? null : username;
        this.password = password == null ? "" : password;
        this.cnonces = cnonces;
    }

    /** @return true when a user name is configured */
    public boolean hasCredentials() {
        return username != null;
    }

    /**
     * The {@code Authorization} header value for the next request, once a challenge was answered.
     * Each call counts as one request (Digest increments {@code nc}).
     *
     * @param method the request method, e.g. {@code GET}
     * @param requestUri the request target, path and query, e.g. {@code /video.cgi?x=1}
     * @return the header value, or empty before the first challenge
     */
    public synchronized Optional<String> authorization(String method, String requestUri) {
        lastRequestAuthenticated = challenge != null;
        if (challenge == null) {
            return Optional.empty();
        }
        if (challenge.is("Basic")) {
            return Optional.of(basic(username, password));
        }
        return Optional.of(digestHeader(method, requestUri));
    }

    /**
     * Takes a {@code 401}'s challenges and decides whether to resend.
     *
     * @param wwwAuthenticate the response's {@code WWW-Authenticate} header values
     * @return what to do
     */
    public synchronized Outcome onUnauthorized(List<String> wwwAuthenticate) {
        if (username == null) {
            return Outcome.NO_CREDENTIALS;
        }
        Challenge best = choose(Challenge.parse(wwwAuthenticate));
        if (best == null) {
            return Outcome.UNSUPPORTED;
        }
        boolean stale = best.param("stale").map(v -> v.equalsIgnoreCase("true")).orElse(false);
        // A rejected request that carried credentials is a refusal, unless the server says the
        // nonce merely expired (stale=true) or this nonce had worked before (servers that expire
        // nonces without saying so).
        boolean retry = !lastRequestAuthenticated || best.is("Digest") && (stale || nonceProven);
        if (!retry || ++retriesWithoutSuccess > MAX_RETRIES_WITHOUT_SUCCESS) {
            return Outcome.REJECTED;
        }
        adopt(best);
        return Outcome.RETRY;
    }

    /** Tells that an authenticated request succeeded: its nonce works. */
    public synchronized void succeeded() {
        if (lastRequestAuthenticated) {
            nonceProven = true;
        }
        retriesWithoutSuccess = 0;
    }

    /**
     * @param username the user
     * @param password the password
     * @return {@code Basic <base64(user:password)>} with UTF-8 (RFC 7617 {@code charset="UTF-8"})
     */
    public static String basic(String username, String password) {
        String raw = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Picks the strongest challenge this class can answer: Digest before Basic; among Digest ones
     * the strongest algorithm; a Digest challenge must offer {@code qop=auth} or no qop at all.
     *
     * @param challenges the server's challenges
     * @return the chosen one, or null when none fits
     */
    static Challenge choose(List<Challenge> challenges) {
        Challenge best = null;
        int bestRank = -1;
        for (Challenge c : challenges) {
            int rank = rank(c);
            if (rank > bestRank) {
                best = c;
                bestRank = rank;
            }
        }
        return best;
    }

    private static int rank(Challenge c) {
        if (c.is("Basic")) {
            return 0;
        }
        if (!c.is("Digest") || c.param("nonce").isEmpty() || c.param("realm").isEmpty()) {
            return -1;
        }
        Optional<String> qop = c.param("qop");
        if (qop.isPresent() && !qopOptions(qop.get()).contains("auth")) {
            return -1;
        }
        return DigestAlgorithm.fromWire(DigestAlgorithm.stripSess(c.param("algorithm").orElse(null)))
                .map(a -> 1 + a.ordinal()).orElse(-1);
    }

    private static List<String> qopOptions(String qop) {
        return List.of(qop.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    }

    private void adopt(Challenge c) {
        challenge = c;
        nonceCount = 0;
        nonceProven = false;
        if (c.is("Digest")) {
            String name = c.param("algorithm").orElse(null);
            algorithm = DigestAlgorithm.fromWire(DigestAlgorithm.stripSess(name)).orElseThrow();
            session = name != null && !name.equals(DigestAlgorithm.stripSess(name));
            sessionCnonce = session ? cnonces.get() : null;
        }
    }

    private String digestHeader(String method, String uri) {
        String realm = challenge.param("realm").orElseThrow();
        String nonce = challenge.param("nonce").orElseThrow();
        boolean qop = challenge.param("qop").isPresent();
        String cnonce = session ? sessionCnonce : qop ? cnonces.get() : null;
        String nc = qop ? String.format(Locale.ROOT, "%08x", ++nonceCount) : null;
        String response = Digest.response(algorithm, session, username, realm, password, method, uri, nonce, nc,
                cnonce, qop ? "auth" : null);
        StringBuilder h = new StringBuilder("Digest username=").append(quote(username))
                .append(", realm=").append(quote(realm))
                .append(", uri=").append(quote(uri))
                .append(", algorithm=").append(challenge.param("algorithm").orElse("MD5"))
                .append(", nonce=").append(quote(nonce));
        if (qop) {
            h.append(", nc=").append(nc).append(", cnonce=").append(quote(cnonce)).append(", qop=auth");
        }
        h.append(", response=").append(quote(response));
        challenge.param("opaque").ifPresent(o -> h.append(", opaque=").append(quote(o)));
        return h.toString();
    }

    private static String quote(String v) {
        return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String randomCnonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Shows the scheme in use, never the credentials. */
    @Override
    public synchronized String toString() {
        return "HttpAuthenticator[" + (challenge == null ? "no challenge yet" : challenge.scheme()
                + (algorithm != null && challenge.is("Digest") ? " " + algorithm.wireName() : "")) + "]";
    }
}
