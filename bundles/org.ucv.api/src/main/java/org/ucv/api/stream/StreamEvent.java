package org.ucv.api.stream;

import org.ucv.api.spi.ErrorCode;

/**
 * A change of a camera's stream that viewers are told about.
 *
 * @param kind what happened
 * @param code the cause's code for {@link Kind#RECONNECTING}, {@link Kind#PROTOCOL_MISSING} and
 *        {@link Kind#ERROR}; null otherwise, and null for a planned reconnect (see
 *        {@link #reconfigured})
 * @param message human text naming the camera and the cause (no credentials)
 * @param attempt the reconnect attempt (1, 2, ...) for {@link Kind#RECONNECTING}, else 0
 * @param retryInMs when the next attempt starts, for {@link Kind#RECONNECTING}, else 0
 * @param fatal true when the stream ended for good (the viewer's session is closed)
 */
public record StreamEvent(Kind kind, ErrorCode code, String message, int attempt, long retryInMs, boolean fatal) {
    /** The kinds of event. */
    public enum Kind {
        /** The camera connection was lost or failed; the platform retries after {@code retryInMs}. */
        RECONNECTING,
        /** Frames flow again after {@link #RECONNECTING} or {@link #PROTOCOL_MISSING}. */
        RESUMED,
        /** No plugin serves the camera's protocol; the platform waits for one. */
        PROTOCOL_MISSING,
        /** An error; with {@code fatal} the viewer's session has ended. */
        ERROR
    }

    public static StreamEvent reconnecting(ErrorCode code, String reason, int attempt, long retryInMs) {
        return new StreamEvent(Kind.RECONNECTING, code, reason, attempt, retryInMs, false);
    }

    /**
     * The camera's configuration changed while viewers watch: the platform reconnects at once with
     * the new one (attempt 1, no wait) and tells {@link Kind#RESUMED} when frames flow again.
     */
    public static StreamEvent reconfigured(String message) {
        return new StreamEvent(Kind.RECONNECTING, null, message, 1, 0, false);
    }

    public static StreamEvent resumed(String message) {
        return new StreamEvent(Kind.RESUMED, null, message, 0, 0, false);
    }

    public static StreamEvent protocolMissing(String message) {
        return new StreamEvent(Kind.PROTOCOL_MISSING, ErrorCode.PROTOCOL_MISSING, message, 0, 0, false);
    }

    public static StreamEvent error(ErrorCode code, String message, boolean fatal) {
        return new StreamEvent(Kind.ERROR, code, message, 0, 0, fatal);
    }
}
