package org.ucv.protocol.onvif.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ONVIF discovery scopes ({@code onvif://www.onvif.org/<key>/<value>}, Core specification 7.3.2.2):
 * {@code name}, {@code hardware}, {@code location}, {@code type}, {@code Profile}... Values are
 * percent-encoded ({@code My%20Camera}); a few vendors add keys of their own (e.g. {@code mfr}).
 */
public final class Scopes {
    private static final String PREFIX = "onvif://www.onvif.org/";

    private Scopes() {
    }

    /**
     * @param scopes the scope URIs
     * @param key a key, e.g. {@code name} (case ignored)
     * @return every value of that key, percent-decoded, in order
     */
    public static List<String> values(List<String> scopes, String key) {
        List<String> out = new ArrayList<>();
        for (String scope : scopes) {
            if (!scope.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                continue;
            }
            String rest = scope.substring(PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || !rest.substring(0, slash).equalsIgnoreCase(key)) {
                continue;
            }
            String value = rest.substring(slash + 1);
            while (value.endsWith("/")) {
                value = value.substring(0, value.length() - 1);
            }
            value = percentDecode(value).trim();
            if (!value.isEmpty()) {
                out.add(value);
            }
        }
        return out;
    }

    /**
     * @param scopes the scope URIs
     * @param keys keys to try, in order
     * @return the first value of the first key that has one, or null
     */
    public static String first(List<String> scopes, String... keys) {
        for (String key : keys) {
            List<String> v = values(scopes, key);
            if (!v.isEmpty()) {
                return v.get(0);
            }
        }
        return null;
    }

    /**
     * @param scopes the whitespace-separated scopes of a ProbeMatch
     * @return them as a list
     */
    public static List<String> split(String scopes) {
        List<String> out = new ArrayList<>();
        for (String s : scopes.trim().split("\\s+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Decodes {@code %XX} sequences as UTF-8; a malformed sequence stays as written, and '+' stays
     * a '+' (scopes are URIs, not form data).
     *
     * @param s the encoded text
     * @return the decoded text
     */
    public static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        char c = Character.toLowerCase((char) b);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** @return whether a scope list says the device is of that type (e.g. {@code video_encoder}) */
    public static boolean hasType(List<String> scopes, String type) {
        return values(scopes, "type").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).equals(type));
    }
}
