package org.ucv.protocol.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.ucv.api.spi.CameraConfig;
import org.ucv.protocol.http.internal.HttpOptions.Mode;

/**
 * Where to send a GET: scheme, host, port, request target, and the credentials to use. Built from a
 * camera's URL, or from its brand/host/port/path/channel/stream and {@link UrlTemplates}.
 *
 * @param tls true for https
 * @param host the host name or address (IPv6 without brackets)
 * @param port the TCP port
 * @param requestTarget path and query as sent on the request line, e.g. {@code /video.cgi?a=1}
 * @param username the user, or null
 * @param password the password, or null
 */
public record HttpTarget(boolean tls, String host, int port, String requestTarget, String username, String password) {

    /**
     * @param camera the camera
     * @param mode which URL: the stream or the snapshot
     * @return the target
     * @throws IllegalArgumentException with a text naming the fault (no credentials in it)
     */
    public static HttpTarget of(CameraConfig camera, Mode mode) {
        if (camera.url().isPresent()) {
            return fromUrl(camera, camera.url().get());
        }
        String host = camera.host().orElseThrow(() -> new IllegalArgumentException(
                "neither url nor host is set"));
        String path = camera.path().map(p -> p.startsWith("/") ? p : "/" + p).orElseGet(() -> UrlTemplates.path(
                camera.brand().orElse(null), mode, camera.channel().orElse(null), camera.stream().orElse(null)));
        boolean tls = camera.protocol().equalsIgnoreCase("https");
        return new HttpTarget(tls, stripBrackets(host), camera.port() == 0 ? (tls ? 443 : 80) : camera.port(), path,
                camera.username().orElse(null), camera.password().orElse(null));
    }

    /**
     * A URL on its own (e.g. the {@code snapshot_url} option), or a path on the camera's own host.
     *
     * @param camera the camera, for credentials and, with a path, its host
     * @param urlOrPath an absolute http(s) URL or a path starting with {@code /}
     * @param base the target a path is relative to
     * @return the target
     */
    public static HttpTarget resolve(CameraConfig camera, String urlOrPath, HttpTarget base) {
        if (urlOrPath.startsWith("/")) {
            return new HttpTarget(base.tls, base.host, base.port, urlOrPath, base.username, base.password);
        }
        return fromUrl(camera, urlOrPath);
    }

    private static HttpTarget fromUrl(CameraConfig camera, String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url '" + CameraConfig.maskUserInfo(url) + "' is not a URL: "
                    + camera.redact(e.getReason()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("url '" + CameraConfig.maskUserInfo(url)
                    + "' must be an http:// or https:// URL with a host");
        }
        boolean tls = scheme.equals("https");
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String user = camera.username().orElse(null);
        String password = camera.password().orElse(null);
        // Credentials in the URL count only when the camera has none of its own (docs/cameras.md
        // advises against them, but cameras' own docs often show them that way).
        if (user == null && uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        return new HttpTarget(tls, stripBrackets(uri.getHost()), uri.getPort() < 0 ? (tls ? 443 : 80) : uri.getPort(),
                target, user, password);
    }

    /** @return the {@code Host} header value */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (tls ? 443 : 80) ? h : h + ":" + port;
    }

    /** @return the URL without credentials, for messages */
    public String display() {
        return (tls ? "https://" : "http://") + hostHeader() + requestTarget;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return display();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
