package org.ucv.web.rest.internal;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The camera fields a request body gives, type-checked: which were present, with which value
 * ({@code null} for JSON null). A field of the wrong JSON type, or one that does not exist, is an
 * error naming that field; the read-only fields a client got from a GET may come back and are
 * ignored.
 */
public final class CameraInput {
    public static final String ID = "id";
    public static final String NAME = "name";
    public static final String PROTOCOL = "protocol";
    public static final String URL = "url";
    public static final String BRAND = "brand";
    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String PATH = "path";
    public static final String CHANNEL = "channel";
    public static final String STREAM = "stream";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String TRANSPORT = "transport";
    public static final String ENABLED = "enabled";
    public static final String OPTIONS = "options";

    static final Set<String> TEXT = Set.of(ID, NAME, PROTOCOL, URL, BRAND, HOST, PATH, CHANNEL, STREAM, USERNAME,
            PASSWORD, TRANSPORT);
    /** What a GET returns beyond the writable fields: sent back unchanged by clients that PUT what they got. */
    static final Set<String> READ_ONLY = Set.of("state", "last_error", "has_password");

    private final Map<String, Object> given;
    private final Map<String, String> errors;

    private CameraInput(Map<String, Object> given, Map<String, String> errors) {
        this.given = Collections.unmodifiableMap(given);
        this.errors = Collections.unmodifiableMap(errors);
    }

    /**
     * @param body the request's JSON object
     * @return the fields it gives, and the errors of those it gives wrongly
     */
    public static CameraInput parse(ObjectNode body) {
        Map<String, Object> given = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode v = e.getValue();
            if (READ_ONLY.contains(field)) {
                continue;
            }
            if (!TEXT.contains(field) && !PORT.equals(field) && !ENABLED.equals(field) && !OPTIONS.equals(field)) {
                errors.put(Router.safe(field), unknown());
            } else if (v.isNull()) {
                given.put(field, null);
            } else if (TEXT.contains(field)) {
                if (!v.isTextual()) {
                    errors.put(field, "must be a string, was " + Json.kind(v));
                } else if (PROTOCOL.equals(field) || TRANSPORT.equals(field)) {
                    given.put(field, v.textValue().trim().toLowerCase(Locale.ROOT));
                } else {
                    given.put(field, v.textValue());
                }
            } else if (PORT.equals(field)) {
                if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0 || v.intValue() > 65535) {
                    errors.put(field, "must be a whole number 0-65535 (0 for the protocol's default)"
                            + (v.isNumber() ? "" : ", was " + Json.kind(v)));
                } else {
                    given.put(field, v.intValue());
                }
            } else if (ENABLED.equals(field)) {
                if (!v.isBoolean()) {
                    errors.put(field, "must be true or false, was " + Json.kind(v));
                } else {
                    given.put(field, v.booleanValue());
                }
            } else {
                options(v, given, errors);
            }
        }
        return new CameraInput(given, errors);
    }

    private static String unknown() {
        return "is not a camera field (fields: id, name, protocol, url, brand, host, port, path, channel, stream, "
                + "username, password, transport, enabled, options)";
    }

    /** Options are text; a number or boolean is taken as its text, as a {@code .cfg} file would hold it. */
    private static void options(JsonNode v, Map<String, Object> given, Map<String, String> errors) {
        if (!v.isObject()) {
            errors.put(OPTIONS, "must be an object of strings, e.g. {\"fps\":\"10\"}, was " + Json.kind(v));
            return;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> o = it.next();
            JsonNode ov = o.getValue();
            if (ov.isNull()) {
                options.put(o.getKey(), null);
            } else if (ov.isTextual() || ov.isNumber() || ov.isBoolean()) {
                options.put(o.getKey(), ov.asText());
            } else {
                errors.put(OPTIONS, "value of '" + Router.safe(o.getKey()) + "' must be a string, was " + Json.kind(ov));
                return;
            }
        }
        given.put(OPTIONS, options);
    }

    /** @return whether the body has the field (null included) */
    public boolean has(String field) {
        return given.containsKey(field);
    }

    /** @return the field's text, or null when absent or null */
    public String text(String field) {
        return (String) given.get(field);
    }

    /** @return the field's value (String, Integer, Boolean, or a map of options with null values to remove) */
    public Object value(String field) {
        return given.get(field);
    }

    /** @return the options given, null values included; null when absent or null */
    @SuppressWarnings("unchecked")
    public Map<String, String> options() {
        return (Map<String, String>) given.get(OPTIONS);
    }

    /** @return the type errors, by field */
    public Map<String, String> errors() {
        return errors;
    }
}
