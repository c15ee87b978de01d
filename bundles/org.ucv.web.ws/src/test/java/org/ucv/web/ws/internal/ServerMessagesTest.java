package org.ucv.web.ws.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.ucv.api.metrics.ViewerMetrics;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.VideoFrame;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.web.ws.internal.ServerMessages.FrameInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

public class ServerMessagesTest {
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Instant NOW = Instant.parse("2025-07-17T19:43:19.123456Z");
    /** 2025-07-17T19:43:19.100Z plus 999 µs, which must not round up. */
    private static final long CAPTURE_MICROS = Instant.parse("2025-07-17T19:43:19.100Z").toEpochMilli() * 1000 + 999;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** JPEG-shaped bytes (SOI, a comment segment holding every byte value, EOI): base64 must keep them all. */
    private static final byte[] JPEG = jpeg();

    private final ServerMessages messages = new ServerMessages("demo", Clock.fixed(NOW, ZoneOffset.UTC), new Base64Cache());

    @Test
    void timestampsAreUtcWithMillisecondsAndZ() {
        assertEquals("2025-07-17T19:43:19.123Z", ServerMessages.timestamp(NOW));
        assertEquals("1970-01-01T00:00:00.000Z", ServerMessages.timestamp(Instant.EPOCH));
    }

    @Test
    void connection() throws Exception {
        JsonNode m = read(messages.connection("client_0f8fad5b-d9cb-469f-a165-70867728950e"));
        assertFields(m, "type", "camera_id", "timestamp", "status", "client_id", "server_time");
        assertCommon(m, "connection");
        assertEquals("connected", text(m, "status"));
        assertEquals("client_0f8fad5b-d9cb-469f-a165-70867728950e", text(m, "client_id"));
        assertTrue(TIMESTAMP.matcher(text(m, "server_time")).matches());
    }

    @Test
    void plainStatus() throws Exception {
        JsonNode m = read(messages.status("stream_stopped", "stopped streaming camera demo"));
        assertFields(m, "type", "camera_id", "timestamp", "status", "message");
        assertCommon(m, "status");
        assertEquals("stream_stopped", text(m, "status"));
        assertEquals("stopped streaming camera demo", text(m, "message"));
    }

    @Test
    void streamStatusCarriesTheEffectiveValues() throws Exception {
        JsonNode m = read(messages.streamStatus("already_streaming", "new parameters apply",
                new ViewerRequest(Quality.HIGH, 30, "jpeg", 640), Transport.BINARY));
        assertFields(m, "type", "camera_id", "timestamp", "status", "message", "quality", "fps", "format",
                "transport", "max_width");
        assertCommon(m, "status");
        assertEquals("already_streaming", text(m, "status"));
        assertEquals("high", text(m, "quality"));
        assertEquals(new IntNode(30), m.get("fps"));
        assertEquals("jpeg", text(m, "format"));
        assertEquals("binary", text(m, "transport"));
        assertEquals(new IntNode(640), m.get("max_width"));
    }

    @Test
    void qualityAndFpsUpdated() throws Exception {
        JsonNode q = read(messages.qualityUpdated("quality set to low", "low"));
        assertCommon(q, "status");
        assertEquals("quality_updated", text(q, "status"));
        assertEquals("low", text(q, "quality"));
        JsonNode f = read(messages.fpsUpdated("fps set to 5", 5));
        assertCommon(f, "status");
        assertEquals("fps_updated", text(f, "status"));
        assertEquals(new IntNode(5), f.get("fps"));
    }

    @Test
    void reconnecting() throws Exception {
        JsonNode m = read(messages.reconnecting("reconnecting, attempt 3", 3, 5000,
                "camera demo: connection refused"));
        assertFields(m, "type", "camera_id", "timestamp", "status", "message", "attempt", "retry_in_ms", "reason");
        assertCommon(m, "status");
        assertEquals("reconnecting", text(m, "status"));
        assertTrue(m.get("attempt").isInt());
        assertEquals(3, m.get("attempt").intValue());
        assertTrue(m.get("retry_in_ms").isIntegralNumber());
        assertEquals(5000, m.get("retry_in_ms").longValue());
        assertEquals("camera demo: connection refused", text(m, "reason"));
    }

    @Test
    void errors() throws Exception {
        JsonNode m = read(messages.error(ErrorCode.CAMERA_NOT_FOUND, "camera 'x' is not configured", false));
        assertFields(m, "type", "camera_id", "timestamp", "error", "code", "fatal");
        assertCommon(m, "error");
        assertEquals("camera 'x' is not configured", text(m, "error"));
        assertEquals("camera_not_found", text(m, "code"));
        assertTrue(m.get("fatal").isBoolean());
        assertFalse(m.get("fatal").booleanValue());
        assertTrue(read(messages.error(ErrorCode.CAMERA_REMOVED, "gone", true)).get("fatal").booleanValue());

        JsonNode p = read(messages.invalidParams("fps must be an integer from 1 to 60; got 99", "fps"));
        assertFields(p, "type", "camera_id", "timestamp", "error", "code", "fatal", "field");
        assertEquals("invalid_params", text(p, "code"));
        assertEquals("fps", text(p, "field"));
    }

    @Test
    void pongEchoesTheClientTime() throws Exception {
        JsonNode m = read(messages.pong(new TextNode("2025-07-17T19:43:19.000Z")));
        assertFields(m, "type", "camera_id", "timestamp", "client_time", "server_time");
        assertCommon(m, "pong");
        assertEquals("2025-07-17T19:43:19.000Z", text(m, "client_time"));
        assertEquals("2025-07-17T19:43:19.123Z", text(m, "server_time"));
        assertEquals(1752781399000L, read(messages.pong(JSON.readTree("1752781399000"))).get("client_time").longValue());
    }

    @Test
    void jsonFrameHasEveryProtocolField() throws Exception {
        JsonNode m = read(messages.frameJson(frame(), info()));
        assertFields(m, "type", "camera_id", "timestamp", "capture_timestamp", "frame_number", "metrics", "data");
        assertCommon(m, "frame");
        assertFrameFields(m);
        assertArrayEquals(JPEG, Base64.getDecoder().decode(text(m, "data")), "data is standard base64 of the JPEG");
    }

    @Test
    void jsonFrameIsByteForByteWhatJacksonWritesForTheWholeTree() throws Exception {
        for (ServerMessages m : List.of(messages, new ServerMessages("a\"b\\c\u00e9\u2028", Clock.fixed(NOW, ZoneOffset.UTC),
                new Base64Cache()))) {
            String sent = m.frameJson(frame(), info());
            ObjectNode tree = (ObjectNode) read(sent);
            tree.remove("data");
            tree.put("data", JPEG);
            assertEquals(JSON.writeValueAsString(tree), sent);
        }
    }

    @Test
    void socketsSharingACacheEncodeAFrameOnce() throws Exception {
        Base64Cache shared = new Base64Cache();
        VideoFrame frame = frame();
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            ServerMessages socket = new ServerMessages("demo", Clock.fixed(NOW, ZoneOffset.UTC), shared);
            texts.add(text(read(socket.frameJson(frame, info())), "data"));
        }
        assertEquals(1, shared.encodings());
        assertEquals(Set.of(Base64.getEncoder().encodeToString(JPEG)), texts);
    }

    @Test
    void binaryFrameIsLengthJsonThenJpeg() throws Exception {
        ByteBuffer message = messages.frameBinary(frame(), info());
        assertEquals(ByteOrder.BIG_ENDIAN, message.order());
        byte[] all = new byte[message.remaining()];
        message.get(all);
        int n = ((all[0] & 0xff) << 24) | ((all[1] & 0xff) << 16) | ((all[2] & 0xff) << 8) | (all[3] & 0xff);
        assertTrue(n > 0 && n <= ServerMessages.MAX_BINARY_HEADER);
        assertEquals(4 + n + JPEG.length, all.length);
        JsonNode header = JSON.readTree(new String(all, 4, n, StandardCharsets.UTF_8));
        assertFields(header, "type", "camera_id", "timestamp", "capture_timestamp", "frame_number", "metrics");
        assertCommon(header, "frame");
        assertFrameFields(header);
        assertArrayEquals(JPEG, Arrays.copyOfRange(all, 4 + n, all.length));
    }

    @Test
    void binaryHeaderOverTheCapIsRefused() {
        ServerMessages longId = new ServerMessages("c".repeat(70_000), Clock.fixed(NOW, ZoneOffset.UTC), new Base64Cache());
        assertThrows(IllegalStateException.class, () -> longId.frameBinary(frame(), info()));
    }

    @Test
    void cameraIdIsEscapedNotInjected() throws Exception {
        ServerMessages odd = new ServerMessages("a\"b\\c</script>", Clock.fixed(NOW, ZoneOffset.UTC), new Base64Cache());
        assertEquals("a\"b\\c</script>", text(read(odd.status("resumed", "ok")), "camera_id"));
    }

    private static void assertFrameFields(JsonNode m) {
        assertEquals("2025-07-17T19:43:19.100Z", text(m, "capture_timestamp"));
        assertTrue(m.get("frame_number").isIntegralNumber());
        assertEquals(7, m.get("frame_number").longValue());
        JsonNode metrics = m.get("metrics");
        assertTrue(metrics.isObject());
        assertFields(metrics, "fps", "target_fps", "quality", "format", "frames_sent", "uptime_seconds", "avg_fps",
                "health_score", "latency_ms", "dropped_frames", "width", "height", "bytes_per_second");
        List<String> numbers = List.of("fps", "uptime_seconds", "avg_fps", "health_score", "latency_ms",
                "bytes_per_second");
        for (String f : numbers) {
            assertTrue(metrics.get(f).isNumber(), f + " is a number");
        }
        for (String f : List.of("target_fps", "frames_sent", "dropped_frames", "width", "height")) {
            assertTrue(metrics.get(f).isIntegralNumber(), f + " is an integer");
        }
        assertEquals(14.5, metrics.get("fps").doubleValue());
        assertEquals(15, metrics.get("target_fps").intValue());
        assertEquals("medium", text(metrics, "quality"));
        assertEquals("jpeg", text(metrics, "format"));
        assertEquals(7, metrics.get("frames_sent").longValue());
        assertEquals(120.5, metrics.get("uptime_seconds").doubleValue());
        assertEquals(14.8, metrics.get("avg_fps").doubleValue());
        assertEquals(85.0, metrics.get("health_score").doubleValue());
        assertEquals(23.0, metrics.get("latency_ms").doubleValue());
        assertEquals(2, metrics.get("dropped_frames").longValue());
        assertEquals(1280, metrics.get("width").intValue());
        assertEquals(720, metrics.get("height").intValue());
        assertEquals(1_500_000.0, metrics.get("bytes_per_second").doubleValue());
    }

    private static void assertCommon(JsonNode m, String type) {
        assertEquals(type, text(m, "type"));
        assertEquals("demo", text(m, "camera_id"));
        assertEquals("2025-07-17T19:43:19.123Z", text(m, "timestamp"));
        assertTrue(TIMESTAMP.matcher(text(m, "timestamp")).matches());
    }

    /** Checks the exact field set, so nothing the protocol names is missing and nothing is misspelt. */
    private static void assertFields(JsonNode m, String... names) {
        Set<String> actual = new HashSet<>();
        m.fieldNames().forEachRemaining(actual::add);
        assertEquals(Set.of(names), actual);
    }

    private static String text(JsonNode m, String field) {
        JsonNode v = m.get(field);
        assertTrue(v != null && v.isTextual(), field + " is a string in " + m);
        return v.asText();
    }

    private static JsonNode read(String text) throws Exception {
        return JSON.readTree(text);
    }

    public static VideoFrame frame() {
        return new VideoFrame(JPEG, "jpeg", 1280, 720, Quality.MEDIUM, CAPTURE_MICROS, CAPTURE_MICROS + 5000, 99);
    }

    private static FrameInfo info() {
        return new FrameInfo(7, 15, new ViewerMetrics(14.5, 15, 7, 2, 120.5, 14.8, 23.0, 1_500_000.0, 85.0));
    }

    private static byte[] jpeg() {
        byte[] comment = new byte[256];
        for (int i = 0; i < comment.length; i++) {
            comment[i] = (byte) i;
        }
        int len = comment.length + 2;
        ByteBuffer b = ByteBuffer.allocate(2 + 4 + comment.length + 2);
        b.put((byte) 0xFF).put((byte) 0xD8).put((byte) 0xFF).put((byte) 0xFE).putShort((short) len).put(comment)
                .put((byte) 0xFF).put((byte) 0xD9);
        return b.array();
    }
}
