package org.ucv.api.spi;

import java.util.Locale;

/**
 * The one closed list of error codes, shared by the SPI, the WebSocket protocol, REST and the UI.
 * The wire form is {@link #wire()} (lower snake case, e.g. {@code camera_not_found}). Add a code
 * only together with the protocol documentation (docs/protocol.md).
 */
public enum ErrorCode {
    CAMERA_NOT_FOUND,
    /** The camera did not answer or refused the connection. */
    CAMERA_UNREACHABLE,
    AUTH_FAILED,
    TIMEOUT,
    /** The camera answered but has no such stream (e.g. RTSP 404). */
    STREAM_NOT_FOUND,
    UNSUPPORTED_CODEC,
    UNSUPPORTED_FORMAT,
    /** The camera answered with something that is not a stream (e.g. an HTML page). */
    NOT_A_STREAM,
    PROTOCOL_MISSING,
    CAMERA_REMOVED,
    INVALID_JSON,
    UNKNOWN_ACTION,
    INVALID_PARAMS,
    UNAUTHORIZED,
    FORBIDDEN,
    TOO_MANY_VIEWERS,
    INTERNAL;

    /** @return the code as it is written on the wire, e.g. {@code camera_not_found}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param wire a code as written on the wire
     * @return the code
     * @throws IllegalArgumentException when the text is not on the list
     */
    public static ErrorCode fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
