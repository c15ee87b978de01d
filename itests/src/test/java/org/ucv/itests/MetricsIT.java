package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucv.itests.support.Await;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.UcvServer;
import org.ucv.itests.support.WsClient;
import org.ucv.itests.support.WsClient.Message;

/**
 * {@code /metrics} read with Debian's python3-prometheus-client parser and matched to a running
 * stream of the demo camera (15 fps); {@code /health} naming a camera that cannot connect;
 * both refused without a login (docs/metrics.md).
 */
class MetricsIT {
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final Duration FIRST_FRAME = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** The demo camera plays its clip at this rate whatever the viewers ask. */
    private static final double DEMO_FPS = 15.0;
    /**
     * Parses the page from stdin with the client library's own parser and prints every sample as
     * JSON; a value that is not finite is printed as text.
     */
    private static final String PARSER = """
            import sys, json, math
            from prometheus_client.parser import text_string_to_metric_families
            out = []
            for f in text_string_to_metric_families(sys.stdin.read()):
                for s in f.samples:
                    v = s.value if math.isfinite(s.value) else str(s.value)
                    out.append({"family": f.name, "type": f.type, "name": s.name, "labels": s.labels, "value": v})
            print(json.dumps(out))
            """;

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.shared();

    private static UcvServer server() {
        return UCV.server();
    }

    @Test
    void withoutLoginBothAreRefusedWith401() throws Exception {
        for (String path : List.of("/metrics", "/health")) {
            HttpResponse<String> r = server().send("GET", path, null, null);
            assertEquals(401, r.statusCode(), path + ": " + r.body());
            assertEquals("Bearer realm=\"ucv\"", r.headers().firstValue("WWW-Authenticate").orElse(null), path);
            assertEquals("unauthorized", WsClient.JSON.readTree(r.body()).path("error").path("code").asText(), r.body());
            HttpResponse<String> bad = server().send("GET", path, null, "not-a-session");
            assertEquals(401, bad.statusCode(), path + " with an unknown session");
        }
    }

    @Test
    void withAnAdminSessionBothAnswer() throws Exception {
        HttpResponse<String> metrics = server().send("GET", "/metrics", null, server().adminSession());
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                metrics.headers().firstValue("Content-Type").orElse("").toLowerCase());
        assertTrue(metrics.body().contains("# TYPE ucv_camera_frames_received_total counter\n"), metrics.body());
        HttpResponse<String> health = server().send("GET", "/health", null, server().adminSession());
        assertEquals(200, health.statusCode(), health.body());
        JsonNode h = WsClient.JSON.readTree(health.body());
        assertTrue(h.path("status").asText().equals("ok") || h.path("status").asText().equals("degraded"), health.body());
        assertTrue(h.path("cameras").asInt() >= 1, health.body());
        assertTrue(h.path("failing").isArray(), health.body());
    }

    @Test
    void theFiguresMatchARunningStream() throws Exception {
        try (WsClient ws = WsClient.open(server(), "demo")) {
            Protocol.assertConnection(ws.next(ANSWER), "demo");
            ObjectNode start = WsClient.action("start_stream");
            start.with("params").put("quality", "low").put("fps", 10);
            ws.send(start);
            assertTrue(ws.next(ANSWER).isStatus("stream_started"));
            // The client reads all along (its inbox is unbounded), so this viewer is never busy.
            ws.await("a frame", FIRST_FRAME, Message::isFrame);

            // The fps window covers the last 4-5 s: wait until the rate has settled on the clip's.
            List<Sample> first = Await.until("one viewer and the demo's input fps in /metrics", SETTLE, MetricsIT::scrape,
                    s -> value(s, "ucv_camera_viewers", "demo") == 1
                            && Math.abs(value(s, "ucv_camera_fps", "demo") - DEMO_FPS) <= 5);
            Await.until("a second scrape with more frames", SETTLE, MetricsIT::scrape,
                    s -> value(s, "ucv_camera_frames_received_total", "demo")
                            > value(first, "ucv_camera_frames_received_total", "demo")
                            && value(s, "ucv_camera_frames_sent_total", "demo")
                            > value(first, "ucv_camera_frames_sent_total", "demo"));
            ws.await("frames still coming after the scrapes", ANSWER, Message::isFrame);

            List<Sample> s = scrape();
            assertEquals(1.0, value(s, "ucv_camera_viewers", "demo"));
            double fps = value(s, "ucv_camera_fps", "demo");
            assertTrue(fps >= 7 && fps <= 20, "input fps " + fps + " of a " + DEMO_FPS + " fps clip");
            assertTrue(value(s, "ucv_camera_bytes_sent_total", "demo") > 0);
            assertTrue(value(s, "ucv_camera_frames_decoded_total", "demo") > 0);
            assertTrue(value(s, "ucv_camera_frames_encoded_total", "demo") > 0);
            assertEquals(1.0, value(s, "ucv_camera_state", "demo", "state", "streaming"));
            assertEquals(0.0, value(s, "ucv_camera_state", "demo", "state", "idle"));
            assertHistogram(s, "demo");
            assertEquals("counter", type(s, "ucv_camera_frames_received_total"));
            assertEquals("gauge", type(s, "ucv_camera_fps"));
            assertEquals("histogram", type(s, "ucv_camera_latency_seconds_count"));

            assertTrue(value(s, "ucv_jvm_memory_used_bytes", null, "area", "heap") > 0);
            assertTrue(value(s, "ucv_jvm_memory_committed_bytes", null, "area", "nonheap") > 0);
            assertTrue(value(s, "ucv_jvm_threads", null) >= value(s, "ucv_jvm_threads_daemon", null));
            assertTrue(value(s, "ucv_uptime_seconds", null) > 0);
        }
    }

    @Test
    void healthNamesACameraThatCannotConnect() throws Exception {
        String id = "h3-closed-port";
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        boolean viaFile = addCamera(id, "rtsp://127.0.0.1:" + closedPort + "/x");
        try (WsClient ws = WsClient.open(server(), id)) {
            ws.next(ANSWER);
            // Watched, so the core tries to connect; until the camera is delivered, start_stream says camera_not_found.
            Await.until("camera " + id + " streams or reconnects", SETTLE, () -> {
                ws.send(WsClient.action("start_stream"));
                return ws.await("an answer to start_stream", ANSWER,
                        m -> m.isStatus("stream_started") || "error".equals(m.type()));
            }, m -> m.isStatus("stream_started"));

            JsonNode failing = Await.until(id + " failing in /health", SETTLE, () -> health(), h -> find(h, id) != null);
            JsonNode entry = find(failing, id);
            assertEquals("degraded", failing.path("status").asText());
            assertEquals("reconnecting", entry.path("state").asText(), entry.toString());
            assertTrue(entry.path("last_error").asText().contains(id), entry.toString());
            assertTrue(failing.path("cameras").asInt() >= 2, failing.toString());

            List<Sample> s = scrape();
            assertEquals(1.0, value(s, "ucv_camera_state", id, "state", "reconnecting"));
            assertTrue(value(s, "ucv_camera_reconnects_total", id) >= 1);
            assertEquals(0.0, value(s, "ucv_camera_frames_received_total", id));
        } finally {
            removeCamera(id, viaFile);
        }
        Await.until(id + " gone from /health", SETTLE, MetricsIT::health, h -> find(h, id) == null);
    }

    private static void assertHistogram(List<Sample> s, String camera) {
        List<Sample> buckets = s.stream().filter(x -> x.name.equals("ucv_camera_latency_seconds_bucket")
                && camera.equals(x.labels.path("camera").asText())).toList();
        assertTrue(buckets.size() >= 2, "latency buckets: " + buckets);
        double previousLe = Double.NEGATIVE_INFINITY;
        double previous = 0;
        for (Sample b : buckets) {
            double le = le(b.labels.path("le").asText());
            assertTrue(le > previousLe, "le ascending: " + buckets);
            assertTrue(b.value >= previous, "buckets never decrease: " + buckets);
            previousLe = le;
            previous = b.value;
        }
        assertEquals(Double.POSITIVE_INFINITY, previousLe, "the last bucket is +Inf");
        double count = value(s, "ucv_camera_latency_seconds_count", camera);
        assertTrue(count > 0, "latency observations");
        assertEquals(count, previous, "+Inf bucket = count");
        assertTrue(value(s, "ucv_camera_latency_seconds_sum", camera) >= 0);
    }

    private static double le(String text) {
        return "+Inf".equals(text) || "inf".equals(text) ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
    }

    /** One sample as the Python parser read it. */
    private record Sample(String family, String type, String name, JsonNode labels, double value) {
    }

    /** @return the page of /metrics (read as admin), as parsed by prometheus_client */
    private static List<Sample> scrape() throws IOException, InterruptedException {
        HttpResponse<String> page = server().send("GET", "/metrics", null, server().adminSession());
        assertEquals(200, page.statusCode(), page.body());
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", PARSER).redirectErrorStream(false).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return python.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        try (var in = python.getOutputStream()) {
            in.write(page.body().getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = python.getInputStream().readAllBytes();
        if (!python.waitFor(30, TimeUnit.SECONDS)) {
            python.destroyForcibly();
            throw new AssertionError("the Python parser did not finish");
        }
        String errors = new String(err.join(), StandardCharsets.UTF_8);
        if (python.exitValue() != 0) {
            throw new AssertionError("prometheus_client could not parse /metrics (exit " + python.exitValue() + "; is"
                    + " python3-prometheus-client installed?): " + errors + "\n--- page ---\n" + page.body());
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode n : WsClient.JSON.readTree(out)) {
            JsonNode v = n.path("value");
            samples.add(new Sample(n.path("family").asText(), n.path("type").asText(), n.path("name").asText(),
                    n.path("labels"), v.isNumber() ? v.asDouble() : le(v.asText())));
        }
        return samples;
    }

    /** @return the value of the sample with that name, camera (null: no camera label) and further label pairs */
    private static double value(List<Sample> samples, String name, String camera, String... labels) {
        for (Sample s : samples) {
            if (!s.name.equals(name) || !(camera == null ? s.labels.path("camera").isMissingNode()
                    : camera.equals(s.labels.path("camera").asText()))) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < labels.length; i += 2) {
                match &= labels[i + 1].equals(s.labels.path(labels[i]).asText());
            }
            if (match) {
                return s.value;
            }
        }
        throw new AssertionError("no sample " + name + " camera=" + camera + " " + String.join(",", labels));
    }

    private static String type(List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.name.equals(name)).map(Sample::type).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name));
    }

    private static JsonNode health() throws IOException, InterruptedException {
        HttpResponse<String> r = server().send("GET", "/health", null, server().adminSession());
        assertEquals(200, r.statusCode(), r.body());
        return WsClient.JSON.readTree(r.body());
    }

    private static JsonNode find(JsonNode health, String id) {
        for (JsonNode f : health.path("failing")) {
            if (id.equals(f.path("camera_id").asText())) {
                return f;
            }
        }
        return null;
    }

    /**
     * Adds the camera with POST /api/cameras; while the REST bundle does not answer that, with a
     * .cfg file in load/ instead.
     *
     * @return true when it went through a file
     */
    private static boolean addCamera(String id, String url) throws IOException, InterruptedException {
        ObjectNode camera = WsClient.JSON.createObjectNode().put("id", id).put("name", "closed port").put("protocol", "rtsp")
                .put("url", url);
        HttpResponse<String> r = server().send("POST", "/api/cameras", camera.toString(), server().adminSession());
        if (r.statusCode() == 201) {
            return false;
        }
        assertTrue(r.statusCode() == 404 || r.statusCode() == 405, "POST /api/cameras: " + r.statusCode() + " " + r.body());
        Path temp = server().home().resolve(id + ".cfg.tmp");
        Files.writeString(temp, "id=" + id + "\nname=closed port\nprotocol=rtsp\nurl=" + url + "\n");
        Files.move(temp, cfg(id), StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private static void removeCamera(String id, boolean viaFile) throws IOException, InterruptedException {
        if (viaFile) {
            Files.deleteIfExists(cfg(id));
        } else {
            HttpResponse<String> r = server().send("DELETE", "/api/cameras/" + id, null, server().adminSession());
            assertTrue(r.statusCode() == 204 || r.statusCode() == 200, "DELETE /api/cameras/" + id + ": " + r.body());
        }
    }

    private static Path cfg(String id) {
        return server().home().resolve("load").resolve("org.ucv.camera-" + id + ".cfg");
    }
}
