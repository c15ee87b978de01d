package org.ucv.web.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer to write.
 *
 * @param status the HTTP status
 * @param contentType the body's type, or null when there is no body
 * @param body the body (empty for none)
 * @param headers further headers
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json;charset=utf-8";

    public static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, JSON, body, Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, new byte[0], Map.of());
    }

    /** @return this answer with one more header */
    public ApiResponse with(String name, String value) {
        LinkedHashMap<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, contentType, body, Map.copyOf(h));
    }
}
