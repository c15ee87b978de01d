package org.ucv.registry.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.ucv.api.spi.CameraConfig;

/**
 * Reads one camera from its configuration properties, and writes them for the registry's own
 * writes ({@link #properties}). Values arrive typed from the Web Console
 * (Integer, Boolean, String[]) or as plain strings from a {@code .cfg} file, so both are accepted;
 * anything else is refused with the property named, never coerced.
 */
final class CameraParser {
    static final String ID = "id";
    static final String NAME = "name";
    static final String PROTOCOL = "protocol";
    static final String URL = "url";
    static final String BRAND = "brand";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String PATH = "path";
    static final String CHANNEL = "channel";
    static final String STREAM = "stream";
    static final String USERNAME = "username";
    /** The dot keeps the secret out of service properties (ARCHITECTURE.md, cameras as configuration). */
    static final String PASSWORD = ".password";
    /** Accepted too, because REST and hand-written files use the plain name. */
    static final String PLAIN_PASSWORD = "password";
    static final String TRANSPORT = "transport";
    static final String ENABLED = "enabled";
    static final String OPTIONS = "options";

    static final Pattern PROTOCOL_PATTERN = Pattern.compile("[a-z][a-z0-9+.-]{0,31}");
    private static final Pattern OPTION_KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    private CameraParser() {
    }

    /**
     * @param props the configuration's properties
     * @return the camera
     * @throws InvalidCameraException naming the first property that is missing or wrong
     */
    static CameraConfig parse(Dictionary<String, ?> props) throws InvalidCameraException {
        String id = text(null, props, ID);
        if (id == null) {
            throw new InvalidCameraException(null, ID, "is required");
        }
        if (!CameraConfig.ID_PATTERN.matcher(id).matches()) {
            throw new InvalidCameraException(null, ID, "'" + id + "' must match " + CameraConfig.ID_PATTERN.pattern());
        }
        String protocol = text(id, props, PROTOCOL);
        if (protocol == null) {
            throw new InvalidCameraException(id, PROTOCOL, "is required (e.g. demo, rtsp, http, onvif)");
        }
        protocol = protocol.toLowerCase(Locale.ROOT);
        if (!PROTOCOL_PATTERN.matcher(protocol).matches()) {
            throw new InvalidCameraException(id, PROTOCOL, "'" + protocol + "' is not a protocol name (letters, digits, '+', '.', '-')");
        }
        String password = text(id, props, PASSWORD);
        CameraConfig.Builder b = CameraConfig.builder(id)
                .name(text(id, props, NAME))
                .protocol(protocol)
                .url(text(id, props, URL))
                .brand(text(id, props, BRAND))
                .host(text(id, props, HOST))
                .port(port(id, props))
                .path(text(id, props, PATH))
                .channel(text(id, props, CHANNEL))
                .stream(text(id, props, STREAM))
                .username(text(id, props, USERNAME))
                .password(password != null ? password : text(id, props, PLAIN_PASSWORD))
                .transport(text(id, props, TRANSPORT))
                .enabled(enabled(id, props));
        for (String entry : options(id, props)) {
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry : entry.substring(0, eq).trim();
            if (eq < 0 || !OPTION_KEY.matcher(key).matches()) {
                throw new InvalidCameraException(id, OPTIONS, "entry '" + entry + "' is not key=value");
            }
            b.option(key, entry.substring(eq + 1).trim());
        }
        return b.build();
    }

    /**
     * The inverse of {@link #parse}: the properties the registry stores for a camera, typed as the
     * Web Console types them (Integer port, Boolean enabled, String[] options), so a camera written
     * here reads back equal and looks the same on the console's Configuration page. Absent values
     * are left out; the password goes under {@value #PASSWORD} only.
     *
     * @param c the camera
     * @return its configuration properties
     */
    static Hashtable<String, Object> properties(CameraConfig c) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(ID, c.id());
        p.put(NAME, c.name());
        p.put(PROTOCOL, c.protocol());
        c.url().ifPresent(v -> p.put(URL, v));
        c.brand().ifPresent(v -> p.put(BRAND, v));
        c.host().ifPresent(v -> p.put(HOST, v));
        p.put(PORT, c.port());
        c.path().ifPresent(v -> p.put(PATH, v));
        c.channel().ifPresent(v -> p.put(CHANNEL, v));
        c.stream().ifPresent(v -> p.put(STREAM, v));
        c.username().ifPresent(v -> p.put(USERNAME, v));
        c.password().ifPresent(v -> p.put(PASSWORD, v));
        c.transport().ifPresent(v -> p.put(TRANSPORT, v));
        p.put(ENABLED, c.enabled());
        if (!c.options().isEmpty()) {
            p.put(OPTIONS, c.options().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
        }
        return p;
    }

    /** @return the trimmed text, or null when absent or blank */
    private static String text(String id, Dictionary<String, ?> props, String key) throws InvalidCameraException {
        Object v = props.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character) {
            String s = v.toString().trim();
            return s.isEmpty() ? null : s;
        }
        throw new InvalidCameraException(id, key, "must be a single value, was a " + v.getClass().getSimpleName());
    }

    private static int port(String id, Dictionary<String, ?> props) throws InvalidCameraException {
        String s = text(id, props, PORT);
        if (s == null) {
            return 0;
        }
        int port;
        try {
            port = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new InvalidCameraException(id, PORT, "must be a number 0-65535, was '" + s + "'");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidCameraException(id, PORT, "must be 0-65535 (0 for the protocol's default), was " + port);
        }
        return port;
    }

    private static boolean enabled(String id, Dictionary<String, ?> props) throws InvalidCameraException {
        String s = text(id, props, ENABLED);
        if (s == null) {
            return true;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidCameraException(id, ENABLED, "must be true or false, was '" + s + "'");
        };
    }

    /** A {@code .cfg} file in the plain form holds all options in one string, comma-separated. */
    private static List<String> options(String id, Dictionary<String, ?> props) throws InvalidCameraException {
        Object v = props.get(OPTIONS);
        List<String> raw = new ArrayList<>();
        if (v == null) {
            return raw;
        } else if (v instanceof String s) {
            raw.addAll(List.of(s.split(",")));
        } else if (v instanceof String[] a) {
            raw.addAll(List.of(a));
        } else if (v instanceof Collection<?> c) {
            for (Object o : c) {
                raw.add(String.valueOf(o));
            }
        } else {
            throw new InvalidCameraException(id, OPTIONS, "must be text or a list of key=value, was a "
                    + v.getClass().getSimpleName());
        }
        List<String> entries = new ArrayList<>();
        for (String e : raw) {
            if (e != null && !e.isBlank()) {
                entries.add(e.trim());
            }
        }
        return entries;
    }
}
