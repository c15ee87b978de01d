package org.ucv.web.rest.internal;

import java.util.Optional;

import org.ucv.api.spi.CameraConfig;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A camera as the API writes it. The password is never written: {@code has_password} says whether
 * one is set. Fields without a value are left out. A URL a hand-written file gave with credentials
 * is masked, and texts from the platform ({@code last_error}) are redacted with the camera's own
 * password.
 */
public final class CameraJson {
    private CameraJson() {
    }

    /**
     * @param c the camera
     * @param state its state ({@link org.ucv.api.camera.CameraState#wire()}), or null when unknown
     * @param lastError the last error of its session, or null
     * @return the JSON object
     */
    public static ObjectNode write(CameraConfig c, String state, String lastError) {
        ObjectNode o = Json.object();
        o.put("id", c.id());
        o.put("name", c.name());
        o.put("protocol", c.protocol());
        put(o, "url", c.url().map(c::redact));
        put(o, "brand", c.brand());
        put(o, "host", c.host());
        if (c.port() != 0) {
            o.put("port", c.port());
        }
        put(o, "path", c.path());
        put(o, "channel", c.channel());
        put(o, "stream", c.stream());
        put(o, "username", c.username());
        o.put("has_password", c.password().isPresent());
        put(o, "transport", c.transport());
        o.put("enabled", c.enabled());
        ObjectNode options = o.putObject("options");
        c.options().forEach(options::put);
        o.put("state", state);
        o.put("last_error", c.redact(lastError));
        return o;
    }

    private static void put(ObjectNode o, String field, Optional<String> value) {
        value.ifPresent(v -> o.put(field, v));
    }
}
