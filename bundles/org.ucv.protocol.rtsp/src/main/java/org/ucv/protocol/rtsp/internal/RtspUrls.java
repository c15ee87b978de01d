package org.ucv.protocol.rtsp.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.ucv.api.spi.CameraConfig;

/**
 * The RTSP URL of a camera: its full {@code url} when configured, else built from brand, host,
 * port, path, channel and stream. User name and password go into the user info percent-encoded
 * (every byte but RFC 3986's unreserved characters), so {@code @ : / # %} in them survive; FFmpeg
 * decodes them again before Basic or Digest authentication.
 *
 * <p>The result holds credentials: hand it to FFmpeg only, and mask it ({@link CameraConfig#redact})
 * before it reaches a log line or a message.
 */
public final class RtspUrls {
    public static final int RTSP_PORT = 554;
    public static final int RTSPS_PORT = 322;

    /** The brands with a URL template; a camera's {@code brand} names one (case and punctuation ignored). */
    public enum Brand {
        HIKVISION, DAHUA, AXIS, TAPO, REOLINK, UNIVIEW, GENERIC;

        private static final Map<String, Brand> NAMES = Map.ofEntries(
                Map.entry("hikvision", HIKVISION), Map.entry("hik", HIKVISION),
                Map.entry("dahua", DAHUA), Map.entry("amcrest", DAHUA),
                Map.entry("axis", AXIS),
                Map.entry("tapo", TAPO), Map.entry("tplink", TAPO), Map.entry("tplinktapo", TAPO),
                Map.entry("reolink", REOLINK),
                Map.entry("uniview", UNIVIEW), Map.entry("unv", UNIVIEW),
                Map.entry("generic", GENERIC));

        /**
         * @throws IllegalArgumentException naming the known brands
         */
        public static Brand parse(String name) {
            Brand brand = NAMES.get(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
            if (brand == null) {
                throw new IllegalArgumentException("unknown brand '" + name + "'; known: hikvision, dahua, amcrest, "
                        + "axis, tapo (tp-link), reolink, uniview, generic");
            }
            return brand;
        }
    }

    private RtspUrls() {
    }

    /**
     * @param camera the camera
     * @return the URL to open, with the credentials in it
     * @throws IllegalArgumentException when the configuration does not make a URL; the text names
     *         the field and holds no credentials
     */
    public static String of(CameraConfig camera) {
        String user = camera.username().orElse(null);
        String password = camera.password().orElse(null);
        Optional<String> url = camera.url();
        if (url.isPresent()) {
            return withCredentials(url.get(), user, password);
        }
        String host = camera.host().orElseThrow(() -> new IllegalArgumentException("neither url nor host is set"));
        String scheme = "rtsps".equals(camera.protocol()) ? "rtsps" : "rtsp";
        int port = camera.port() != 0 ? camera.port() : "rtsps".equals(scheme) ? RTSPS_PORT : RTSP_PORT;
        String path = camera.path().map(p -> p.startsWith("/") ? p : "/" + p)
                .orElseGet(() -> templatePath(
                        Brand.parse(camera.brand().orElse("generic")),
                        channel(camera.channel().orElse("1")),
                        substream(camera.stream().orElse("main"))));
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme + "://" + userInfo(user, password) + hostPart + ":" + port + path;
    }

    /**
     * @param brand the brand
     * @param channel the channel, 1 for the first
     * @param sub true for the sub (low resolution) stream
     * @return the path and query of that stream
     * @throws IllegalArgumentException for {@link Brand#GENERIC}, which has no template (it needs a path)
     */
    public static String templatePath(Brand brand, int channel, boolean sub) {
        switch (brand) {
            case HIKVISION:
                return "/Streaming/Channels/" + (channel * 100 + (sub ? 2 : 1));
            case DAHUA:
                return "/cam/realmonitor?channel=" + channel + "&subtype=" + (sub ? 1 : 0);
            case AXIS:
                return "/axis-media/media.amp?camera=" + channel + (sub ? "&resolution=640x360" : "");
            case TAPO:
                return sub ? "/stream2" : "/stream1";
            case REOLINK:
                return String.format(Locale.ROOT, "/h264Preview_%02d_%s", channel, sub ? "sub" : "main");
            case UNIVIEW:
                return "/unicast/c" + channel + "/s" + (sub ? 1 : 0) + "/live";
            default:
                throw new IllegalArgumentException("brand generic has no URL template: set path or url");
        }
    }

    static int channel(String text) {
        try {
            int channel = Integer.parseInt(text.trim());
            if (channel >= 1 && channel <= 256) {
                return channel;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("channel must be a number 1-256, was '" + text + "'");
    }

    static boolean substream(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "main": case "primary": case "0":
                return false;
            case "sub": case "secondary": case "1":
                return true;
            default:
                throw new IllegalArgumentException("stream must be main or sub, was '" + text + "'");
        }
    }

    /**
     * Puts the credentials into a full URL that has no user info yet; a URL that has one keeps it
     * (its author encoded it).
     *
     * @throws IllegalArgumentException when the URL is not rtsp:// or rtsps://
     */
    static String withCredentials(String url, String user, String password) {
        int schemeEnd = url.indexOf("://");
        String scheme = schemeEnd > 0 ? url.substring(0, schemeEnd).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
            throw new IllegalArgumentException("url must start with rtsp:// or rtsps://, was "
                    + CameraConfig.maskUserInfo(url));
        }
        String rest = url.substring(schemeEnd + 3);
        int authorityEnd = firstOf(rest, "/?#");
        if (rest.substring(0, authorityEnd).contains("@") || user == null) {
            return url;
        }
        return scheme + "://" + userInfo(user, password) + rest;
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static String userInfo(String user, String password) {
        if (user == null) {
            return "";
        }
        return encode(user) + (password != null ? ":" + encode(password) : "") + "@";
    }

    /** Percent-encodes every UTF-8 byte except A-Z a-z 0-9 - . _ ~ (RFC 3986 unreserved). */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** @return host:port of a URL, for reachability checks; port 554/322 when absent */
    static Optional<InetSocketAddress> address(String url) {
        try {
            URI uri = new URI(url.replaceFirst("//[^/?#]*@", "//"));
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            int port = uri.getPort() > 0 ? uri.getPort() : "rtsps".equalsIgnoreCase(uri.getScheme()) ? RTSPS_PORT : RTSP_PORT;
            return Optional.of(InetSocketAddress.createUnresolved(uri.getHost(), port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
