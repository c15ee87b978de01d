package org.ucv.console.internal;

import java.util.Locale;

import org.ucv.api.spi.CameraConfig;

/** Reads the arguments of {@code ucv:add}: id, protocol, URL and {@code key=value} settings. */
public final class CameraSettings {
    /** The prefix of plugin options, e.g. {@code option.fps=10}. */
    public static final String OPTION_PREFIX = "option.";
    /** Stands for "no URL" (a demo camera, or one addressed by its plugin's options). */
    public static final String NO_URL = "-";
    private static final String KEYS = "name, username, password, transport, enabled or option.<key>";

    private CameraSettings() {
    }

    /**
     * @param id the camera id
     * @param protocol the protocol
     * @param url the URL, or {@value #NO_URL} or "" for none
     * @param settings {@code key=value} pairs; keys: name, username, password, transport, enabled, option.X
     * @return the camera
     * @throws IllegalArgumentException naming the argument at fault
     */
    public static CameraConfig parse(String id, String protocol, String url, String... settings) {
        if (protocol == null || protocol.isBlank()) {
            throw new IllegalArgumentException("the protocol is missing");
        }
        CameraConfig.Builder camera = CameraConfig.builder(id).protocol(protocol.trim().toLowerCase(Locale.ROOT))
                .url(url == null || NO_URL.equals(url.trim()) ? null : url);
        for (String setting : settings == null ? new String[0] : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + setting + "' is not key=value (keys: " + KEYS + ")");
            }
            String key = setting.substring(0, eq).trim();
            String value = setting.substring(eq + 1);
            switch (key) {
                case "name" -> camera.name(value);
                case "username" -> camera.username(value);
                case "password" -> camera.password(value);
                case "transport" -> camera.transport(value);
                case "enabled" -> camera.enabled(bool(value));
                default -> {
                    if (!key.startsWith(OPTION_PREFIX) || key.length() == OPTION_PREFIX.length()) {
                        throw new IllegalArgumentException("unknown setting '" + key + "' (keys: " + KEYS + ")");
                    }
                    camera.option(key.substring(OPTION_PREFIX.length()), value);
                }
            }
        }
        return camera.build();
    }

    private static boolean bool(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("enabled must be true or false, was '" + value + "'");
        };
    }
}
