package org.ucv.web.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import org.ucv.api.spi.ErrorCode;

/**
 * A request that is answered with an error: the HTTP status, a code from the closed list
 * (PROTOCOL.md), a human message naming the cause, and for bad input the fields at fault. The
 * message is sent to the client: it never holds a password.
 */
public final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final ErrorCode code;
    private final Map<String, String> fields;
    private final Map<String, String> headers;

    public ApiException(int status, ErrorCode code, String message, Map<String, String> fields,
                        Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ApiException(int status, ErrorCode code, String message) {
        this(status, code, message, null, null);
    }

    /** 400 {@code invalid_params} with one field at fault. */
    public static ApiException invalid(String field, String problem) {
        return new ApiException(400, ErrorCode.INVALID_PARAMS, field + " " + problem, Map.of(field, problem), null);
    }

    /** 400 {@code invalid_params} with the fields at fault, in order. */
    public static ApiException invalid(Map<String, String> fields) {
        StringJoiner m = new StringJoiner("; ", "invalid values: ", "");
        fields.forEach((f, p) -> m.add(f + " " + p));
        return new ApiException(400, ErrorCode.INVALID_PARAMS, m.toString(), fields, null);
    }

    /** 400 {@code invalid_json}. */
    public static ApiException invalidJson(String problem) {
        return new ApiException(400, ErrorCode.INVALID_JSON, problem);
    }

    /** 404 {@code camera_not_found}. */
    public static ApiException cameraNotFound(String id) {
        return new ApiException(404, ErrorCode.CAMERA_NOT_FOUND, "no camera with id '" + id + "'");
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    /** @return field name to problem, in the order found; empty when no field is at fault */
    public Map<String, String> fields() {
        return fields;
    }

    /** @return headers the answer carries (e.g. {@code Allow}, {@code WWW-Authenticate}) */
    public Map<String, String> headers() {
        return headers;
    }
}
