package org.ucv.protocol.onvif.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.ucv.api.spi.CameraConfig;

/**
 * Where a camera's ONVIF device service is and who we are to it: from the camera's {@code url}
 * ({@code http://host[:port]/onvif/device_service}; a URL without a path gets the standard one; a
 * bare {@code host[:port]} is taken as http), or from {@code host}, {@code port} (80) and
 * {@code path}. The user is the camera's {@code username}/{@code password}; user info in the URL
 * is used only when the camera has no username, and is never part of {@link #device()}.
 *
 * @param device the device service's URL, without user info
 * @param username the user, or null
 * @param password the password, or null
 */
public record OnvifTarget(URI device, String username, String password) {
    /** The device service's path that ONVIF fixes (Core specification, 5.1.1). */
    public static final String DEVICE_PATH = "/onvif/device_service";

    /**
     * @param camera the camera
     * @return its target
     * @throws IllegalArgumentException when neither a usable url nor a host is given
     */
    public static OnvifTarget of(CameraConfig camera) {
        String user = camera.username().orElse(null);
        String password = camera.password().orElse(null);
        URI device;
        if (camera.url().isPresent()) {
            String text = camera.url().get().trim();
            if (!text.contains("://")) {
                text = "http://" + text;
            }
            URI u;
            try {
                u = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("url is not a valid URL: " + CameraConfig.maskUserInfo(e.getMessage()));
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("url must be the device service's http:// or https:// address"
                        + " (e.g. http://192.168.1.10/onvif/device_service), not " + scheme + "://");
            }
            if (u.getHost() == null) {
                throw new IllegalArgumentException("url has no host");
            }
            if (user == null && u.getRawUserInfo() != null) {
                String[] info = u.getRawUserInfo().split(":", 2);
                user = decode(info[0]);
                password = info.length > 1 ? decode(info[1]) : password;
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/")
                    ? DEVICE_PATH : u.getRawPath();
            device = build(scheme, u.getHost(), u.getPort(), path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
        } else if (camera.host().isPresent()) {
            String host = camera.host().get();
            if (host.contains(":") && !host.startsWith("[")) {
                host = "[" + host + "]"; // IPv6
            }
            String path = camera.path().orElse(DEVICE_PATH);
            device = build("http", host, camera.port() > 0 ? camera.port() : -1, path.startsWith("/") ? path : "/" + path);
        } else {
            throw new IllegalArgumentException("give url (the device service, e.g. http://192.168.1.10/onvif/device_service)"
                    + " or host");
        }
        return new OnvifTarget(device, user == null || user.isEmpty() ? null : user, password);
    }

    private static URI build(String scheme, String host, int port, String pathAndQuery) {
        try {
            return new URI(scheme + "://" + host + (port > 0 ? ":" + port : "") + pathAndQuery);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the device address is not valid: " + e.getMessage());
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * Replaces a URI's host (and port, for the device's own services) with the device's: for devices
     * behind NAT or port forwarding that announce their inner address.
     *
     * @param uri a URI the device gave
     * @param keepPort whether to keep the URI's port (true for RTSP, whose port the device chose)
     * @return the URI on the configured host
     */
    public URI onDeviceHost(URI uri, boolean keepPort) {
        int port = keepPort ? uri.getPort() : device.getPort();
        String scheme = keepPort ? uri.getScheme() : device.getScheme();
        try {
            return new URI(scheme + "://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
                    + device.getHost() + (port > 0 ? ":" + port : "")
                    + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            return uri;
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "OnvifTarget[" + device + (username != null ? ", user " + username : "") + "]";
    }
}
