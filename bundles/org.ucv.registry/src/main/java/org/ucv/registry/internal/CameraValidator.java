package org.ucv.registry.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.ucv.api.spi.CameraConfig;

/**
 * The rules a camera must meet before the registry stores it (REST, and anything else that writes
 * through {@link org.ucv.api.camera.CameraRegistry}). Stricter than {@link CameraParser}, which has
 * to accept whatever a hand-written file held before: these rules keep credentials out of URLs and
 * values out of the forms that break a {@code .cfg} file or a log line.
 *
 * <p>Errors are keyed by the REST field names ({@code password}, not {@code .password}) and never
 * quote a password.
 */
final class CameraValidator {
    /** Protocols that read no address: the demo camera loops a clip shipped in its bundle. */
    private static final Set<String> ADDRESSLESS = Set.of("demo");
    private static final Set<String> TRANSPORTS = Set.of("tcp", "udp", "http");
    private static final Pattern PROTOCOL_PATTERN = CameraParser.PROTOCOL_PATTERN;
    private static final Pattern OPTION_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** A host name, an IPv4 address or a bracketed IPv6 address; no user info, port or path. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]{1,253}|\\[[0-9A-Fa-f:.%A-Za-z]{2,62}]");
    static final int MAX_NAME = 200;
    static final int MAX_URL = 2048;
    static final int MAX_PATH = 1024;
    static final int MAX_SHORT = 64;
    static final int MAX_CREDENTIAL = 256;
    static final int MAX_OPTIONS = 64;
    static final int MAX_OPTION_VALUE = 1024;

    private CameraValidator() {
    }

    /**
     * @param c the camera
     * @return REST field name to what is wrong with it, in field order; empty when valid
     */
    static Map<String, String> validate(CameraConfig c) {
        Map<String, String> errors = new LinkedHashMap<>();
        text(errors, "name", c.name(), MAX_NAME);
        if (c.protocol().isBlank()) {
            errors.put("protocol", "is required (e.g. demo, rtsp, http, onvif)");
        } else if (!PROTOCOL_PATTERN.matcher(c.protocol()).matches()) {
            errors.put("protocol", "must be a protocol name in lower case (letters, digits, '+', '.', '-'), e.g. rtsp");
        }
        address(errors, c, !errors.containsKey("protocol"));
        c.brand().ifPresent(v -> text(errors, "brand", v, MAX_SHORT));
        c.path().ifPresent(v -> {
            if (!text(errors, "path", v, MAX_PATH) && v.chars().anyMatch(Character::isWhitespace)) {
                errors.put("path", "must not contain spaces (percent-encode them)");
            }
        });
        c.channel().ifPresent(v -> text(errors, "channel", v, MAX_SHORT));
        c.stream().ifPresent(v -> text(errors, "stream", v, MAX_SHORT));
        c.username().ifPresent(v -> text(errors, "username", v, MAX_CREDENTIAL));
        c.password().ifPresent(v -> {
            if (v.length() > MAX_CREDENTIAL) {
                errors.put("password", "must be at most " + MAX_CREDENTIAL + " characters");
            } else if (hasControl(v)) {
                errors.put("password", "must not contain control characters (line breaks, tabs)");
            }
        });
        c.transport().ifPresent(v -> {
            if (!TRANSPORTS.contains(v)) {
                errors.put("transport", "must be tcp, udp, http or empty for the protocol's default, was '"
                        + printable(v) + "'");
            }
        });
        options(errors, c.options());
        return errors;
    }

    /** @param knownProtocol false when the protocol is wrong: whether it needs an address is then unknown */
    private static void address(Map<String, String> errors, CameraConfig c, boolean knownProtocol) {
        boolean hasUrl = c.url().isPresent();
        boolean hasHost = c.host().isPresent();
        if (hasUrl && hasHost) {
            errors.put("url", "give either url or host (with brand/port/path/channel/stream), not both");
            errors.put("host", "give either url or host (with brand/port/path/channel/stream), not both");
            return;
        }
        if (!hasUrl && !hasHost && knownProtocol && !ADDRESSLESS.contains(c.protocol())) {
            errors.put("url", "give url, or host (with brand/port/path/channel/stream)");
            return;
        }
        c.url().ifPresent(url -> {
            String problem = urlProblem(url);
            if (problem != null) {
                errors.put("url", problem);
            }
        });
        c.host().ifPresent(host -> {
            if (host.contains("://")) {
                errors.put("host", "is a host name or address, not a URL: put a URL in url");
            } else if (host.contains("@")) {
                errors.put("host", "must not hold credentials: put them in username and password");
            } else if (!HOST.matcher(host).matches()) {
                errors.put("host", "must be a host name or an IP address (IPv6 in brackets), without port or path, was '"
                        + printable(host) + "'");
            }
        });
    }

    /** @return what is wrong with the URL, or null; never quotes the user info */
    static String urlProblem(String url) {
        if (url.length() > MAX_URL) {
            return "must be at most " + MAX_URL + " characters";
        }
        if (hasControl(url) || url.chars().anyMatch(Character::isWhitespace)) {
            return "must not contain spaces or control characters (percent-encode them)";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL (e.g. rtsp://192.168.1.20:554/stream1)";
        }
        String authority = uri.getRawAuthority();
        if (uri.getScheme() == null || authority == null || authority.isEmpty()) {
            return "must be an absolute URL with scheme and host, e.g. rtsp://192.168.1.20:554/stream1";
        }
        if (authority.contains("@")) {
            return "must not hold credentials (user:password@): put them in username and password";
        }
        return null;
    }

    private static void options(Map<String, String> errors, Map<String, String> options) {
        if (options.size() > MAX_OPTIONS) {
            errors.put("options", "at most " + MAX_OPTIONS + " options");
            return;
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            String key = e.getKey();
            if (key == null || !OPTION_KEY.matcher(key).matches()) {
                errors.put("options", "key '" + printable(String.valueOf(key))
                        + "' must be 1-64 letters, digits, '_', '.' or '-'");
                return;
            }
            String value = e.getValue();
            if (value.length() > MAX_OPTION_VALUE) {
                errors.put("options", "value of '" + key + "' must be at most " + MAX_OPTION_VALUE + " characters");
                return;
            }
            if (hasControl(value)) {
                errors.put("options", "value of '" + key + "' must not contain control characters (line breaks, tabs)");
                return;
            }
        }
    }

    /** @return true when it added an error */
    private static boolean text(Map<String, String> errors, String field, String value, int max) {
        if (value.length() > max) {
            errors.put(field, "must be at most " + max + " characters");
            return true;
        }
        if (hasControl(value)) {
            errors.put(field, "must not contain control characters (line breaks, tabs)");
            return true;
        }
        return false;
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f);
    }

    /** A value quoted in a message: short, and without characters that would break a log line. */
    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
