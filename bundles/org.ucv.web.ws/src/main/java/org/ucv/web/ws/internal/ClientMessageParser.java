package org.ucv.web.ws.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.web.ws.internal.ClientMessage.Invalid;
import org.ucv.web.ws.internal.ClientMessage.Ping;
import org.ucv.web.ws.internal.ClientMessage.StartStream;
import org.ucv.web.ws.internal.ClientMessage.StopStream;
import org.ucv.web.ws.internal.ClientMessage.UpdateFps;
import org.ucv.web.ws.internal.ClientMessage.UpdateQuality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Reads client text messages {@code {"action": ..., "params": {...}}}. Values are checked, never
 * clamped: a bad one makes the whole message {@link Invalid}. A parameter sent as JSON null counts
 * as not sent. Thread-safe.
 */
public final class ClientMessageParser {
    /** The largest client message acted on, in bytes of UTF-8; the protocol's messages are far smaller. */
    public static final int MAX_MESSAGE_BYTES = 65_536;
    private static final int MAX_ECHO = 40;
    private static final List<String> ACTIONS =
            List.of("start_stream", "stop_stream", "update_quality", "update_fps", "ping");

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * @param text a text message from the client
     * @return the action, or {@link Invalid} saying why it cannot be acted on
     */
    public ClientMessage parse(String text) {
        if (tooLarge(text)) {
            return invalid(null, "message too large: more than " + MAX_MESSAGE_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return new Invalid(ErrorCode.INVALID_JSON, "message is not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) {
            return new Invalid(ErrorCode.INVALID_JSON, "message must be a JSON object {\"action\": ..., \"params\": {...}}", null);
        }
        JsonNode action = root.get("action");
        if (action == null || !action.isTextual()) {
            return new Invalid(ErrorCode.UNKNOWN_ACTION, "message has no \"action\" string", null);
        }
        if (!ACTIONS.contains(action.asText())) {
            return new Invalid(ErrorCode.UNKNOWN_ACTION, "unknown action " + echo(action) + "; known: "
                    + String.join(", ", ACTIONS), null);
        }
        JsonNode params = root.get("params");
        if (params == null || params.isNull()) {
            params = mapper.createObjectNode();
        } else if (!params.isObject()) {
            return invalid("params", "params must be a JSON object");
        }
        try {
            return switch (action.asText()) {
                case "start_stream" -> startStream(params);
                case "stop_stream" -> new StopStream();
                case "update_quality" -> new UpdateQuality(quality(required(params, "quality")));
                case "update_fps" -> new UpdateFps(fps(required(params, "fps")));
                case "ping" -> new Ping(clientTime(root, params));
                default -> throw new IllegalStateException("action " + action + " is listed but not handled");
            };
        } catch (BadParam e) {
            return invalid(e.field, e.getMessage());
        }
    }

    /** Encodes only when the length alone cannot tell: a char is one to three bytes of UTF-8. */
    private static boolean tooLarge(String text) {
        if (text.length() > MAX_MESSAGE_BYTES) {
            return true;
        }
        return text.length() > MAX_MESSAGE_BYTES / 3 && text.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES;
    }

    private static StartStream startStream(JsonNode params) throws BadParam {
        JsonNode q = optional(params, "quality");
        JsonNode f = optional(params, "fps");
        JsonNode fmt = optional(params, "format");
        JsonNode t = optional(params, "transport");
        JsonNode w = optional(params, "max_width");
        return new StartStream(q == null ? null : quality(q), f == null ? null : fps(f),
                fmt == null ? null : format(fmt), t == null ? null : transport(t), w == null ? null : maxWidth(w));
    }

    private static Quality quality(JsonNode node) throws BadParam {
        if (node.isTextual()) {
            switch (node.asText()) {
                case "low", "medium", "high", "source" -> {
                    return Quality.fromWire(node.asText());
                }
                default -> { }
            }
        }
        throw new BadParam("quality", "quality must be one of low, medium, high, source; got " + echo(node));
    }

    private static int fps(JsonNode node) throws BadParam {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            int fps = node.intValue();
            if (fps >= ViewerRequest.MIN_FPS && fps <= ViewerRequest.MAX_FPS) {
                return fps;
            }
        }
        throw new BadParam("fps", "fps must be an integer from " + ViewerRequest.MIN_FPS + " to "
                + ViewerRequest.MAX_FPS + "; got " + echo(node));
    }

    private static String format(JsonNode node) throws BadParam {
        if (node.isTextual()) {
            return node.asText().toLowerCase(Locale.ROOT);
        }
        throw new BadParam("format", "format must be a string such as \"jpeg\"; got " + echo(node));
    }

    private static Transport transport(JsonNode node) throws BadParam {
        if (node.isTextual()) {
            switch (node.asText()) {
                case "json" -> {
                    return Transport.JSON;
                }
                case "binary" -> {
                    return Transport.BINARY;
                }
                default -> { }
            }
        }
        throw new BadParam("transport", "transport must be \"json\" or \"binary\"; got " + echo(node));
    }

    private static int maxWidth(JsonNode node) throws BadParam {
        if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() > 0) {
            return node.intValue();
        }
        throw new BadParam("max_width", "max_width must be a positive integer (pixels); got " + echo(node));
    }

    private static JsonNode clientTime(JsonNode root, JsonNode params) {
        JsonNode t = optional(params, "client_time");
        if (t == null) {
            t = optional(root, "client_time");
        }
        return t == null ? NullNode.getInstance() : t;
    }

    private static JsonNode optional(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static JsonNode required(JsonNode params, String field) throws BadParam {
        JsonNode node = optional(params, field);
        if (node == null) {
            throw new BadParam(field, field + " is required");
        }
        return node;
    }

    private static Invalid invalid(String field, String message) {
        return new Invalid(ErrorCode.INVALID_PARAMS, message, field);
    }

    /** Quotes a client value in an error text, cut short so a huge value is not sent back. */
    private static String echo(JsonNode node) {
        String s = node.toString();
        return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "...";
    }

    private static final class BadParam extends Exception {
        private static final long serialVersionUID = 1L;
        private final String field;

        BadParam(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
