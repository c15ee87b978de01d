package org.ucv.web.rest.internal;

import java.util.List;

import org.ucv.api.auth.Role;

/**
 * Every endpoint this bundle serves, with the role it needs. The OpenAPI document lists the same
 * (a unit test holds them together). {@code {id}} is one path segment.
 */
public enum Route {
    LIST_CAMERAS("GET", "/api/cameras", Role.VIEWER),
    CREATE_CAMERA("POST", "/api/cameras", Role.ADMIN),
    TEST_DRAFT("POST", "/api/cameras/test", Role.ADMIN),
    GET_CAMERA("GET", "/api/cameras/{id}", Role.VIEWER),
    REPLACE_CAMERA("PUT", "/api/cameras/{id}", Role.ADMIN),
    PATCH_CAMERA("PATCH", "/api/cameras/{id}", Role.ADMIN),
    DELETE_CAMERA("DELETE", "/api/cameras/{id}", Role.ADMIN),
    TEST_CAMERA("POST", "/api/cameras/{id}/test", Role.ADMIN),
    SNAPSHOT("GET", "/api/cameras/{id}/snapshot", Role.VIEWER),
    PTZ("POST", "/api/cameras/{id}/ptz", Role.ADMIN),
    PTZ_PRESETS("GET", "/api/cameras/{id}/ptz/presets", Role.VIEWER),
    DISCOVERY("POST", "/api/discovery", Role.ADMIN),
    STREAMS("GET", "/api/streams", Role.VIEWER),
    PROTOCOLS("GET", "/api/protocols", Role.VIEWER),
    OPENAPI("GET", "/api/openapi.json", Role.VIEWER);

    private final String method;
    private final String template;
    private final Role role;
    private final List<String> segments;

    Route(String method, String template, Role role) {
        this.method = method;
        this.template = template;
        this.role = role;
        this.segments = List.of(template.substring(1).split("/"));
    }

    public String method() {
        return method;
    }

    /** @return the path with {@code {id}} for the camera id, as in the OpenAPI document */
    public String template() {
        return template;
    }

    /** @return the role a principal needs */
    public Role role() {
        return role;
    }

    List<String> segments() {
        return segments;
    }
}
