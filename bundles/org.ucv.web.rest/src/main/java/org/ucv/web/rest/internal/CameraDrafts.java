package org.ucv.web.rest.internal;

import static org.ucv.web.rest.internal.CameraInput.BRAND;
import static org.ucv.web.rest.internal.CameraInput.CHANNEL;
import static org.ucv.web.rest.internal.CameraInput.ENABLED;
import static org.ucv.web.rest.internal.CameraInput.HOST;
import static org.ucv.web.rest.internal.CameraInput.ID;
import static org.ucv.web.rest.internal.CameraInput.NAME;
import static org.ucv.web.rest.internal.CameraInput.OPTIONS;
import static org.ucv.web.rest.internal.CameraInput.PASSWORD;
import static org.ucv.web.rest.internal.CameraInput.PATH;
import static org.ucv.web.rest.internal.CameraInput.PORT;
import static org.ucv.web.rest.internal.CameraInput.PROTOCOL;
import static org.ucv.web.rest.internal.CameraInput.STREAM;
import static org.ucv.web.rest.internal.CameraInput.TRANSPORT;
import static org.ucv.web.rest.internal.CameraInput.URL;
import static org.ucv.web.rest.internal.CameraInput.USERNAME;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.ucv.api.spi.CameraConfig;

/**
 * Turns a request's fields into the camera to store: POST creates from the fields alone, PUT
 * replaces every field, PATCH changes only the fields given (JSON merge patch: null clears a field,
 * an option set to null is removed). The password is write-only: absent (or null) keeps the stored
 * one on PUT and PATCH, {@code ""} clears it.
 */
public final class CameraDrafts {
    /** A generated id leaves room for a "-NNNNNNN" suffix within the 64 characters an id may have. */
    private static final int SLUG_MAX = 56;
    /** Stands in for an id or protocol that is wrong, so the other fields can still be checked. */
    private static final String PLACEHOLDER_ID = "camera";

    private CameraDrafts() {
    }

    /**
     * A camera built from a request, with the errors found so far (ids and types; the registry
     * checks the values). When there are errors, the camera holds placeholders where they are.
     *
     * @param camera the camera
     * @param errors field to problem
     */
    public record Draft(CameraConfig camera, Map<String, String> errors) {
    }

    /**
     * @param in the request's fields
     * @param taken whether an id is taken, to make one from the name when the request has none
     * @return the new camera
     */
    public static Draft create(CameraInput in, Predicate<String> taken) {
        Map<String, String> errors = new LinkedHashMap<>(in.errors());
        String id = in.text(ID);
        if (id == null) {
            String base = slug(in.text(NAME) != null ? in.text(NAME) : in.text(PROTOCOL));
            id = unique(base, taken);
        } else if (!CameraConfig.ID_PATTERN.matcher(id).matches()) {
            errors.put(ID, "must be 1-64 lower case letters, digits, '_' or '-', starting with a letter or digit");
            id = PLACEHOLDER_ID;
        }
        CameraConfig.Builder b = CameraConfig.builder(id).protocol("");
        apply(b, in, null);
        String password = in.text(PASSWORD);
        b.password(password);
        return new Draft(b.build(), errors);
    }

    /**
     * @param existing the stored camera
     * @param in the request's fields: every field not given is reset, the password kept
     * @return the camera replacing it
     */
    public static Draft replace(CameraConfig existing, CameraInput in) {
        Map<String, String> errors = new LinkedHashMap<>(in.errors());
        checkSameId(existing, in, errors);
        CameraConfig.Builder b = CameraConfig.builder(existing.id()).protocol("");
        apply(b, in, null);
        b.password(keptPassword(existing, in));
        return new Draft(b.build(), errors);
    }

    /**
     * @param existing the stored camera
     * @param in the request's fields: only these change
     * @return the camera with the changes
     */
    public static Draft merge(CameraConfig existing, CameraInput in) {
        Map<String, String> errors = new LinkedHashMap<>(in.errors());
        checkSameId(existing, in, errors);
        CameraConfig.Builder b = existing.toBuilder();
        apply(b, in, existing);
        b.password(keptPassword(existing, in));
        return new Draft(b.build(), errors);
    }

    private static void checkSameId(CameraConfig existing, CameraInput in, Map<String, String> errors) {
        if (in.has(ID) && in.text(ID) != null && !in.text(ID).equals(existing.id())) {
            errors.put(ID, "cannot be changed (it is the camera's address in URLs); create a new camera instead");
        }
    }

    /** Absent or null keeps the stored password; "" clears it; anything else replaces it. */
    private static String keptPassword(CameraConfig existing, CameraInput in) {
        String p = in.text(PASSWORD);
        return p == null ? existing.password().orElse(null) : p;
    }

    /**
     * Sets every field the request gives. Without {@code merged} (POST, PUT) the builder is fresh, so
     * fields not given keep their defaults; with it (PATCH) they keep the stored values.
     */
    private static void apply(CameraConfig.Builder b, CameraInput in, CameraConfig merged) {
        if (in.has(NAME)) {
            b.name(in.text(NAME));
        }
        if (in.has(PROTOCOL)) {
            b.protocol(in.text(PROTOCOL) == null ? "" : in.text(PROTOCOL));
        }
        if (in.has(URL)) {
            b.url(in.text(URL));
        }
        if (in.has(BRAND)) {
            b.brand(in.text(BRAND));
        }
        if (in.has(HOST)) {
            b.host(in.text(HOST));
        }
        if (in.has(PORT)) {
            b.port(in.value(PORT) == null ? 0 : (Integer) in.value(PORT));
        }
        if (in.has(PATH)) {
            b.path(in.text(PATH));
        }
        if (in.has(CHANNEL)) {
            b.channel(in.text(CHANNEL));
        }
        if (in.has(STREAM)) {
            b.stream(in.text(STREAM));
        }
        if (in.has(USERNAME)) {
            b.username(in.text(USERNAME));
        }
        if (in.has(TRANSPORT)) {
            b.transport(in.text(TRANSPORT));
        }
        if (in.has(ENABLED)) {
            b.enabled(in.value(ENABLED) == null || (Boolean) in.value(ENABLED));
        }
        if (in.has(OPTIONS)) {
            Map<String, String> given = in.options();
            if (merged != null && given == null) {
                merged.options().keySet().forEach(k -> b.option(k, null));
            } else if (given != null) {
                given.forEach(b::option);
            }
        }
    }

    /**
     * @param name a camera's name (or its protocol), may be null
     * @return an id made from it: lower case ASCII letters and digits joined by '-', accents dropped;
     *         {@code camera} when nothing is left
     */
    public static String slug(String name) {
        if (name == null) {
            return PLACEHOLDER_ID;
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+", "");
        if (s.length() > SLUG_MAX) {
            s = s.substring(0, SLUG_MAX);
        }
        s = s.replaceAll("-+$", "");
        return s.isEmpty() ? PLACEHOLDER_ID : s;
    }

    /**
     * @param base an id
     * @param taken whether an id is taken
     * @return the base, or the base with the first free suffix {@code -2}, {@code -3}, ...
     */
    public static String unique(String base, Predicate<String> taken) {
        String id = base;
        for (int n = 2; taken.test(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}
