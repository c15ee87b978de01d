package org.ucv.web.ws.internal;

import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.Quality;

import com.fasterxml.jackson.databind.JsonNode;

/** One client message as {@link ClientMessageParser} understood it. */
public sealed interface ClientMessage {

    /**
     * {@code start_stream}; a null field was not sent, so the current or default value applies.
     *
     * @param quality the quality, or null
     * @param fps the fps, or null
     * @param format the image format (lower case), or null
     * @param transport the transport, or null
     * @param maxWidth the wanted width in pixels (positive), or null
     */
    record StartStream(Quality quality, Integer fps, String format, Transport transport, Integer maxWidth)
            implements ClientMessage {
    }

    record StopStream() implements ClientMessage {
    }

    record UpdateQuality(Quality quality) implements ClientMessage {
    }

    record UpdateFps(int fps) implements ClientMessage {
    }

    /** @param clientTime the client's time, echoed as it came (a JSON null when absent) */
    record Ping(JsonNode clientTime) implements ClientMessage {
    }

    /**
     * A message that cannot be acted on; answered with an error and changing nothing.
     *
     * @param code {@code invalid_json}, {@code unknown_action} or {@code invalid_params}
     * @param message human text naming the problem
     * @param field the offending parameter for {@code invalid_params}; null when the whole message is at
     *        fault (too large) and for the other codes
     */
    record Invalid(ErrorCode code, String message, String field) implements ClientMessage {
    }
}
