package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.ucv.itests.support.WsClient;
import org.ucv.itests.support.WsClient.Message;

/** Checks of the message shapes in docs/protocol.md, shared by the WebSocket tests. */
final class Protocol {
    /** ISO-8601 UTC with milliseconds and Z: without the Z a browser reads local time. */
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private Protocol() {
    }

    static void assertConnection(Message message, String cameraId) {
        JsonNode json = message.json();
        assertEquals("connection", message.type(), "first message: " + message);
        assertEquals("connected", text(json, "status"));
        assertTrue(text(json, "client_id").startsWith("client_"), "client_id: " + json);
        timestamp(json, "server_time");
        assertCommon(json, cameraId);
    }

    /** The effective settings that stream_started and already_streaming carry. */
    static void assertStreamSettings(JsonNode status, String quality, int fps, String transport) {
        assertEquals(quality, text(status, "quality"));
        assertEquals(fps, integer(status, "fps"));
        assertEquals("jpeg", text(status, "format"));
        assertEquals(transport, text(status, "transport"));
        JsonNode maxWidth = status.get("max_width");
        assertTrue(maxWidth != null && (maxWidth.isNull() || maxWidth.isIntegralNumber()),
                "max_width (a number or null) in " + status);
        text(status, "message");
    }

    /** Every field of a frame, in the transport asked for. */
    static void assertFrame(Message frame, String cameraId, String transport, String quality, int targetFps) {
        JsonNode json = frame.json();
        assertCommon(json, cameraId);
        assertEquals("binary".equals(transport), frame.isBinary(), "transport of " + frame);
        if (frame.isBinary()) {
            assertFalse(json.has("data"), "a binary frame's JSON carries no data");
        } else {
            text(json, "data");
        }
        Instant captured = timestamp(json, "capture_timestamp");
        Instant sent = timestamp(json, "timestamp");
        assertFalse(captured.isAfter(sent), "captured " + captured + " after sent " + sent);
        integer(json, "frame_number");

        JsonNode metrics = json.path("metrics");
        assertTrue(metrics.isObject(), "metrics object in " + brief(json));
        number(metrics, "fps");
        assertEquals(targetFps, number(metrics, "target_fps"), 0.0);
        assertEquals(quality, text(metrics, "quality"));
        assertEquals("jpeg", text(metrics, "format"));
        integer(metrics, "frames_sent");
        number(metrics, "uptime_seconds");
        number(metrics, "avg_fps");
        double health = number(metrics, "health_score");
        assertTrue(health >= 0 && health <= 100, "health_score " + health);
    }

    static void assertError(Message message, String cameraId, String code, String cause) {
        JsonNode json = message.json();
        assertEquals("error", message.type(), "error " + code + " expected for " + cause + ", got " + message);
        assertEquals(code, text(json, "code"), "error code for " + cause);
        assertFalse(text(json, "error").isBlank(), "error text for " + cause);
        JsonNode fatal = json.get("fatal");
        assertTrue(fatal != null && fatal.isBoolean(), "boolean fatal in " + brief(json));
        assertCommon(json, cameraId);
    }

    /** A ping answered by a pong proves the socket is still usable. */
    static void assertPingPong(WsClient ws) {
        String clientTime = Instant.now().toString();
        var ping = WsClient.action("ping");
        ping.with("params").put("client_time", clientTime);
        ws.send(ping);
        Message pong = ws.next(ANSWER);
        assertEquals("pong", pong.type(), "pong expected, got " + pong);
        assertEquals(clientTime, text(pong.json(), "client_time"));
        timestamp(pong.json(), "server_time");
    }

    /** The camera waits for its protocol plugin: a status or an error with that code. */
    static boolean isProtocolMissing(Message message) {
        return message.isStatus("protocol_missing") || message.isError("protocol_missing");
    }

    private static String brief(JsonNode json) {
        String text = json.toString();
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    private static void assertCommon(JsonNode json, String cameraId) {
        assertEquals(cameraId, text(json, "camera_id"));
        timestamp(json, "timestamp");
    }

    private static Instant timestamp(JsonNode json, String field) {
        String value = text(json, field);
        assertTrue(TIMESTAMP.matcher(value).matches(), field + " must be ISO-8601 UTC with ms and Z: " + value);
        return Instant.parse(value);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            fail("string " + field + " expected in " + brief(json));
        }
        return value.asText();
    }

    private static long integer(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isIntegralNumber()) {
            fail("integer " + field + " expected in " + brief(json));
        }
        return value.asLong();
    }

    private static double number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isNumber()) {
            fail("number " + field + " expected in " + brief(json));
        }
        return value.asDouble();
    }
}
