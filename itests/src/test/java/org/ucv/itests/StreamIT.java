package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ucv.itests.support.Await;
import org.ucv.itests.support.Jpeg;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.UcvServer;
import org.ucv.itests.support.WsClient;
import org.ucv.itests.support.WsClient.Message;

/** The WebSocket protocol of docs/protocol.md on /ws/stream/demo, against the running distribution. */
class StreamIT {
    private static final Duration ANSWER = Duration.ofSeconds(10);
    /** The demo camera's session starts on the first viewer: opening the source and the decoder takes a moment. */
    private static final Duration FIRST_FRAME = Duration.ofSeconds(30);
    private static final Duration SESSION_END = Duration.ofSeconds(30);
    private static final int FPS = 10;
    private static final int SECONDS = 6;

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.shared();

    @ParameterizedTest(name = "{0} transport")
    @ValueSource(strings = {"json", "binary"})
    void framesArriveAtTheRequestedRateWithEveryField(String transport) {
        try (WsClient ws = WsClient.open(UCV.server(), "demo")) {
            Protocol.assertConnection(ws.next(ANSWER), "demo");
            long sent = System.nanoTime();
            ws.send(start("medium", FPS, transport));

            Message started = ws.next(ANSWER);
            assertTrue(started.isStatus("stream_started"), "stream_started expected, got " + started);
            Protocol.assertStreamSettings(started.json(), "medium", FPS, transport);

            Duration window = Duration.ofSeconds(SECONDS).minusNanos(System.nanoTime() - sent);
            List<Message> frames = ws.collect(window).stream().filter(Message::isFrame).toList();
            assertTrue(frames.size() >= 5 * SECONDS && frames.size() <= FPS * SECONDS + 2,
                    frames.size() + " frames in " + SECONDS + " s at fps " + FPS + " (expected "
                            + 5 * SECONDS + ".." + (FPS * SECONDS + 2) + ")");
            long previous = 0;
            for (Message frame : frames) {
                Protocol.assertFrame(frame, "demo", transport, "medium", FPS);
                long number = frame.json().path("frame_number").asLong();
                assertTrue(number > previous, "frame_number " + number + " after " + previous);
                previous = number;
                BufferedImage picture = Jpeg.decode(frame.jpeg());
                assertTrue(picture.getWidth() > 0 && picture.getHeight() > 0, "picture size");
            }
        }
    }

    @Test
    void updateQualityChangesTheQuantizationTables() {
        try (WsClient ws = WsClient.open(UCV.server(), "demo")) {
            Protocol.assertConnection(ws.next(ANSWER), "demo");
            ws.send(start("low", FPS, "json"));
            Message low = ws.await("a low quality frame", FIRST_FRAME, Message::isFrame);
            assertEquals("low", low.json().path("metrics").path("quality").asText());
            List<int[]> lowTables = Jpeg.quantizationTables(low.jpeg());
            assertFalse(lowTables.isEmpty(), "a JPEG without DQT tables");

            ObjectNode update = WsClient.action("update_quality");
            update.with("params").put("quality", "high");
            ws.send(update);
            ws.await("quality_updated", ANSWER, m -> m.isStatus("quality_updated"));
            Message high = ws.await("a frame with other quantization tables", ANSWER,
                    m -> m.isFrame() && !sameTables(lowTables, Jpeg.quantizationTables(m.jpeg())));

            assertEquals("high", high.json().path("metrics").path("quality").asText());
            int[] highLuma = Jpeg.quantizationTables(high.jpeg()).get(0);
            assertTrue(sum(highLuma) < sum(lowTables.get(0)),
                    "high quality must quantize more finely than low: " + sum(highLuma) + " vs " + sum(lowTables.get(0)));
        }
    }

    @Test
    void stopStreamAnswersStreamStoppedAndNoFrameFollows() {
        try (WsClient ws = WsClient.open(UCV.server(), "demo")) {
            Protocol.assertConnection(ws.next(ANSWER), "demo");
            ws.send(start("medium", FPS, "json"));
            ws.await("a frame", FIRST_FRAME, Message::isFrame);

            ws.send(WsClient.action("stop_stream"));
            ws.await("stream_stopped", ANSWER, m -> m.isStatus("stream_stopped"));
            List<Message> after = ws.collect(Duration.ofMillis(1500));
            assertTrue(after.stream().noneMatch(Message::isFrame), "frames after stream_stopped: " + after);

            ws.send(WsClient.action("stop_stream"));
            Message again = ws.next(ANSWER);
            assertTrue(again.isStatus("not_streaming"), "a second stop_stream: not_streaming expected, got " + again);
        }
    }

    @Test
    void badMessagesGetTheirErrorCodeOnAnOpenSocket() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{not json", "invalid_json");
        cases.put("{\"action\":\"fly\"}", "unknown_action");
        cases.put(startWith("fps", 0), "invalid_params");
        cases.put(startWith("fps", "x"), "invalid_params");
        cases.put(startWith("quality", "ultra"), "invalid_params");
        cases.put(startWith("format", "gif"), "unsupported_format");

        try (WsClient ws = WsClient.open(UCV.server(), "demo")) {
            Protocol.assertConnection(ws.next(ANSWER), "demo");
            cases.forEach((text, code) -> {
                ws.send(text);
                Protocol.assertError(ws.next(ANSWER), "demo", code, text);
            });
            Protocol.assertPingPong(ws);
        }
    }

    @Test
    void unknownCameraGetsCameraNotFoundOnAnOpenSocket() {
        try (WsClient ws = WsClient.open(UCV.server(), "no-such-camera")) {
            Protocol.assertConnection(ws.next(ANSWER), "no-such-camera");
            Protocol.assertError(ws.next(ANSWER), "no-such-camera", "camera_not_found", "(on open)");
            String start = start("medium", FPS, "json").toString();
            ws.send(start);
            Protocol.assertError(ws.next(ANSWER), "no-such-camera", "camera_not_found", start);
            Protocol.assertPingPong(ws);
        }
    }

    @Test
    void closingTheLastViewerEndsTheCameraSession() throws Exception {
        UcvServer server = UCV.server();
        try (WsClient ws = WsClient.open(server, "demo")) {
            Protocol.assertConnection(ws.next(ANSWER), "demo");
            ws.send(start("medium", FPS, "json"));
            ws.await("a frame", FIRST_FRAME, Message::isFrame);
            Await.until("demo camera streaming in GET /api/cameras", ANSWER, () -> cameraState(server, "demo"),
                    "streaming"::equals);
            List<String> threads = server.threadNames();
            assertTrue(threads.stream().anyMatch(StreamIT::isSessionThread),
                    "no ucv-session-/ucv-demo- thread while streaming: " + threads);
        }
        Await.until("demo camera idle in GET /api/cameras after its last viewer left", SESSION_END,
                () -> cameraState(server, "demo"), "idle"::equals);
        Await.until("no ucv-* thread after the last viewer left", SESSION_END,
                () -> server.threadNames().stream().filter(name -> name.startsWith("ucv-")).toList(), List::isEmpty);
    }

    static ObjectNode start(String quality, int fps, String transport) {
        ObjectNode start = WsClient.action("start_stream");
        start.with("params").put("quality", quality).put("fps", fps).put("format", "jpeg").put("transport", transport);
        return start;
    }

    private static String startWith(String field, Object value) {
        ObjectNode start = start("medium", FPS, "json");
        start.with("params").set(field, WsClient.JSON.valueToTree(value));
        return start.toString();
    }

    private static String cameraState(UcvServer server, String id) throws Exception {
        for (JsonNode camera : server.json("/api/cameras")) {
            if (id.equals(camera.path("id").asText())) {
                return camera.path("state").asText();
            }
        }
        return null;
    }

    private static boolean isSessionThread(String name) {
        return name.startsWith("ucv-session-") || name.startsWith("ucv-demo-");
    }

    private static boolean sameTables(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static int sum(int[] table) {
        int sum = 0;
        for (int value : table) {
            sum += value;
        }
        return sum;
    }
}
