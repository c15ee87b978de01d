package org.ucv.auth.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The WebSocket {@code Origin} rule. A browser always sends Origin on a WebSocket upgrade, and
 * cookies go with it whatever page started it: without this check any web site a logged-in user
 * visits could watch the cameras through the user's cookie (cross-site WebSocket hijacking).
 * Clients without Origin (scripts, the Java client) are not browsers and pass.
 */
public final class OriginCheck {
    private final Set<String> allowed;
    private final boolean any;

    /**
     * @param allowedOrigins origins allowed besides the server's own, like
     *        {@code https://example.org:8443}; {@code *} allows all
     */
    public OriginCheck(List<String> allowedOrigins) {
        this.any = allowedOrigins.stream().anyMatch(o -> o.trim().equals("*"));
        this.allowed = allowedOrigins.stream().map(OriginCheck::normalize).filter(o -> o != null)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param origin the Origin header or null
     * @param scheme the request's scheme, http or https (ws/wss count as the same)
     * @param host the Host header, host[:port]
     * @return whether the request may go on
     */
    public boolean allowed(String origin, String scheme, String host) {
        if (origin == null) {
            return true;
        }
        if (any) {
            return true;
        }
        Origin from = parse(origin);
        if (from == null) {
            // "null" (sandboxed frames, file: pages) or garbage: never the same origin.
            return false;
        }
        if (allowed.contains(from.text())) {
            return true;
        }
        return sameOrigin(from, scheme, host);
    }

    /**
     * Same origin when host and port match the Host header. A Host without a port means the client
     * used the default port of its scheme; behind a TLS proxy the request scheme here may be http
     * while the page is https, so the origin's own default port is accepted then too.
     */
    private static boolean sameOrigin(Origin from, String scheme, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        String hostName;
        int port;
        int colon = h.lastIndexOf(':');
        boolean bracketed = h.startsWith("[");
        if (colon > 0 && (!bracketed || colon > h.indexOf(']'))) {
            hostName = h.substring(0, colon);
            try {
                port = Integer.parseInt(h.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        } else {
            hostName = h;
            port = -1;
        }
        if (!hostName.equals(from.host())) {
            return false;
        }
        if (port == -1) {
            return from.port() == defaultPort(from.scheme()) || from.port() == defaultPort(scheme);
        }
        return port == from.port();
    }

    private record Origin(String scheme, String host, int port) {
        String text() {
            return port == defaultPort(scheme) ? scheme + "://" + host : scheme + "://" + host + ":" + port;
        }
    }

    /** @return an origin in the form compared: lower case, no default port, no trailing slash */
    static String normalize(String origin) {
        Origin parsed = parse(origin.trim());
        return parsed == null ? null : parsed.text();
    }

    private static Origin parse(String origin) {
        String text = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (scheme.equals("ws")) {
                scheme = "http";
            } else if (scheme.equals("wss")) {
                scheme = "https";
            }
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return null;
            }
            int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
            return new Origin(scheme, host.toLowerCase(Locale.ROOT), port);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static int defaultPort(String scheme) {
        if (scheme == null) {
            return 80;
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        return s.equals("https") || s.equals("wss") ? 443 : 80;
    }
}
