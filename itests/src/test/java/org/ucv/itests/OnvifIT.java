package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucv.itests.onvif.Namespace;
import org.ucv.itests.onvif.OnvifDevice;
import org.ucv.itests.onvif.OnvifDevice.PtzCall;
import org.ucv.itests.support.Await;
import org.ucv.itests.support.Jpeg;
import org.ucv.itests.support.Pictures;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.UcvServer;
import org.ucv.itests.support.WsClient;
import org.ucv.itests.support.WsClient.Message;
import org.ucv.testing.RtspPeer;

/**
 * ONVIF cameras through the running distribution, against the device double
 * ({@link OnvifDevice}, proven faithful by {@link OnvifDoubleIT}) whose stream URIs point at the
 * GStreamer RTSP peer: from an address and credentials alone, profiles, frames, snapshot, PTZ; a
 * wrong password, a device clock two hours off, a SOAP Fault, an XXE payload; and WS-Discovery
 * inside a network namespace with one and with two devices.
 */
class OnvifIT {
    private static final Duration ANSWER = Duration.ofSeconds(10);
    /** Camera pick-up, GetSystemDateAndTime + services + profiles + stream URI, RTSP open, decoder start. */
    private static final Duration FIRST_FRAME = Duration.ofSeconds(30);
    private static final String USER = "onvif@admin";
    private static final String PASSWORD = "On:v1f/P#ss%w&x";
    private static final String WRONG_PASSWORD = "Wr0ng:On/v1f#";
    private static final String DISCOVERY_CLASS = "org.ucv.protocol.onvif.internal.WsDiscovery";

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.shared();

    private static RtspPeer peer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> cameras = new ArrayList<>();
    private final List<OnvifDevice> devices = new ArrayList<>();

    @BeforeAll
    static void startPeer() {
        String problem = Namespace.unavailableBecause();
        assertTrue(problem == null, "the discovery tests need network namespaces (run as root): " + problem);
        // The main mount asks for the camera's own credentials, as cameras do: the plugin must pass them
        // to RTSP. Only one mount: the peer gives each protected mount a role of its own, so one user
        // with the same password on two mounts can open only the last one.
        peer = RtspPeer.start(RtspPeer.freePort(), "/onvif-main=h264:320x240@10:digest:" + USER + ":" + PASSWORD,
                "/onvif-sub=h264:160x120@10");
    }

    @AfterAll
    static void stopPeer() {
        if (peer != null) {
            peer.stop();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : cameras) {
            HttpResponse<String> r = api("DELETE", "/api/cameras/" + id, null);
            assertTrue(r.statusCode() == 204 || r.statusCode() == 404, "DELETE " + id + ": " + r.statusCode() + " "
                    + r.body());
        }
        devices.forEach(OnvifDevice::close);
    }

    private OnvifDevice startDouble() {
        OnvifDevice device = OnvifDevice.builder().credentials(USER, PASSWORD).name("UCV Double").hardware("UCVD-100")
                .location("Test Lab").profile("main", "main", 320, 240, 10, peer.url("/onvif-main"))
                .profile("sub", "sub", 160, 120, 10, peer.url("/onvif-sub")).snapshotDigest(true).start();
        devices.add(device);
        return device;
    }

    // ---- tests ----

    @Test
    void fromAddressAndCredentialsProfilesFramesAndSnapshot() throws Exception {
        OnvifDevice device = startDouble();
        String id = "onvif-basic";
        addCamera(id, device, PASSWORD, null);

        HttpResponse<String> test = api("POST", "/api/cameras/" + id + "/test", "{}");
        assertEquals(200, test.statusCode(), test.body());
        assertTrue(test.body().contains("main") && test.body().contains("sub"), "both profiles listed: " + test.body());

        try (WsClient ws = watch(id)) {
            assertPicturesChange(ws, id, 320, 240);
        }
        assertTrue(device.calls().stream().anyMatch(c -> c.operation().equals("GetStreamUri") && c.status() == 200),
                "the stream URI came from the device: " + device.calls());
        assertEquals(0, device.nonceReuses(), "the plugin never repeats a nonce");

        HttpResponse<byte[]> snapshot = apiBytes("/api/cameras/" + id + "/snapshot");
        assertEquals(200, snapshot.statusCode(), new String(snapshot.body(), StandardCharsets.UTF_8));
        assertEquals("image/jpeg", snapshot.headers().firstValue("Content-Type").orElse("").split(";")[0].trim());
        BufferedImage picture = Jpeg.decode(snapshot.body());
        assertTrue(picture.getWidth() >= 160 && picture.getHeight() >= 120, picture.getWidth() + "x" + picture.getHeight());
        assertNoPasswordInLog();
    }

    @Test
    void subProfileChosenByOption() {
        OnvifDevice device = startDouble();
        String id = "onvif-sub";
        addCamera(id, device, PASSWORD, Map.of("profile", "sub"));
        try (WsClient ws = watch(id)) {
            assertPicturesChange(ws, id, 160, 120);
        }
    }

    @Test
    void wrongPasswordIsAuthFailed() throws Exception {
        OnvifDevice device = startDouble();
        String id = "onvif-wrong-password";
        addCamera(id, device, WRONG_PASSWORD, null);

        HttpResponse<String> test = api("POST", "/api/cameras/" + id + "/test", "{}");
        assertEquals("auth_failed", errorCode(test), test.body());

        try (WsClient ws = watch(id)) {
            Message failed = ws.await("auth_failed for the wrong password", FIRST_FRAME,
                    m -> m.isError("auth_failed") || m.isStatus("reconnecting"));
            if (failed.isStatus("reconnecting")) {
                // the core backs off longer after auth_failed (10 s and more) than after a lost camera
                assertTrue(failed.json().path("retry_in_ms").asLong() >= 10_000, failed.toString());
            }
            Await.until("the log names auth_failed for " + id, ANSWER,
                    () -> log().lines().anyMatch(l -> l.contains(id) && l.contains("auth_failed")), found -> found);
            assertTrue(ws.collect(Duration.ofSeconds(2)).stream().noneMatch(Message::isFrame), "no frames");
        }
        assertTrue(device.calls().stream().anyMatch(c -> c.verdict().equals("WRONG_PASSWORD")), device.calls().toString());
        assertTrue(device.calls().stream().noneMatch(c -> c.operation().equals("GetStreamUri") && c.status() == 200));
        assertNoPasswordInLog();
    }

    @Test
    void deviceClockTwoHoursOffStillStreams() {
        OnvifDevice device = startDouble().clockOffset(Duration.ofHours(2));
        String id = "onvif-clock";
        addCamera(id, device, PASSWORD, null);
        try (WsClient ws = watch(id)) {
            assertPicturesChange(ws, id, 320, 240);
        }
        assertTrue(device.calls().stream().anyMatch(c -> c.operation().equals("GetSystemDateAndTime")),
                "the plugin read the device's clock: " + device.calls());
        assertTrue(device.calls().stream().noneMatch(c -> c.verdict().equals("STALE_CREATED")),
                "no request was stale after the clock was read: " + device.calls());
    }

    @Test
    void soapFaultIsAClearError() throws Exception {
        String reason = "Profile store is corrupted (test " + System.nanoTime() + ")";
        OnvifDevice device = startDouble().fault("GetProfiles", reason);
        String id = "onvif-fault";
        addCamera(id, device, PASSWORD, null);

        HttpResponse<String> test = api("POST", "/api/cameras/" + id + "/test", "{}");
        assertTrue(test.statusCode() >= 400, test.statusCode() + " " + test.body());
        assertTrue(errorMessage(test).contains(reason), "the fault's reason reaches the user: " + test.body());

        try (WsClient ws = watch(id)) {
            Message failed = ws.await("an error naming the fault", FIRST_FRAME,
                    m -> m.isStatus("reconnecting") || "error".equals(m.type()));
            String text = failed.json().path("reason").asText() + " " + failed.json().path("error").asText();
            assertTrue(text.contains(reason), "the fault's reason on the socket: " + failed);
        }
    }

    @Test
    void xxeInAResponseIsRefusedAndNoFileIsRead() throws Exception {
        // every answer carries the DOCTYPE: refused at the first request
        OnvifDevice everywhere = startDouble().xxe("*");
        // only the profiles carry it, the entity where the profile names are, which the test's detail shows
        OnvifDevice inProfiles = startDouble().xxe("GetProfiles");
        String id = "onvif-xxe";
        addCamera(id, everywhere, PASSWORD, null);
        addCamera("onvif-xxe-profiles", inProfiles, PASSWORD, null);

        List<String> seen = new ArrayList<>();
        for (String camera : List.of(id, "onvif-xxe-profiles")) {
            HttpResponse<String> test = api("POST", "/api/cameras/" + camera + "/test", "{}");
            assertTrue(test.statusCode() >= 400, "a response with a DOCTYPE is refused: " + test.statusCode() + " "
                    + test.body());
            seen.add(test.body());
        }
        try (WsClient ws = watch(id)) {
            Message failed = ws.await("the camera refused", FIRST_FRAME,
                    m -> m.isStatus("reconnecting") || "error".equals(m.type()) || m.isFrame());
            assertFalse(failed.isFrame(), "frames from a device that answers with a DOCTYPE");
            seen.add(failed.json().toString());
            ws.collect(Duration.ofSeconds(1)).forEach(m -> seen.add(String.valueOf(m)));
        }
        seen.add(api("GET", "/api/cameras/" + id, null).body());
        for (OnvifDevice device : List.of(everywhere, inProfiles)) {
            String marker = device.xxeMarker();
            seen.forEach(s -> assertFalse(s.contains(marker), "the marker leaked: " + s));
            assertFalse(log().contains(marker), "the marker file's text is in the server log");
            assertEquals(List.of(), device.xxeFetches(), "the plugin's parser fetched the external DTD");
            assertTrue(device.calls().stream().noneMatch(c -> c.operation().equals("GetStreamUri")),
                    "nothing is asked after a refused answer: " + device.calls());
        }
    }

    @Test
    void httpDigestOnlyDeviceIsListedToo() throws Exception {
        OnvifDevice device = startDouble().auth(OnvifDevice.Auth.HTTP_DIGEST);
        String id = "onvif-http-digest";
        addCamera(id, device, PASSWORD, null);
        HttpResponse<String> test = api("POST", "/api/cameras/" + id + "/test", "{}");
        assertEquals(200, test.statusCode(), test.body());
        assertTrue(test.body().contains("main") && test.body().contains("sub"), test.body());
        assertTrue(device.calls().stream().anyMatch(c -> c.operation().equals("GetStreamUri") && c.status() == 200),
                device.calls().toString());
    }

    @Test
    void ptzMoveStopAndPresetReachTheDevice() throws Exception {
        OnvifDevice device = startDouble();
        String id = "onvif-ptz";
        addCamera(id, device, PASSWORD, null);

        HttpResponse<String> presets = api("GET", "/api/cameras/" + id + "/ptz/presets", null);
        assertEquals(200, presets.statusCode(), presets.body());
        assertEquals(WsClient.JSON.readTree("[{\"token\":\"1\",\"name\":\"Door\"},{\"token\":\"2\",\"name\":\"Window\"}]"),
                WsClient.JSON.readTree(presets.body()));

        assertOk(api("POST", "/api/cameras/" + id + "/ptz", "{\"action\":\"move\",\"pan\":0.5,\"tilt\":-0.25,\"zoom\":0}"));
        assertOk(api("POST", "/api/cameras/" + id + "/ptz", "{\"action\":\"stop\"}"));
        assertOk(api("POST", "/api/cameras/" + id + "/ptz", "{\"action\":\"goto_preset\",\"preset\":\"2\"}"));

        List<PtzCall> calls = device.ptzCalls();
        assertEquals(3, calls.size(), calls.toString());
        PtzCall move = calls.get(0);
        assertEquals("ContinuousMove", move.operation());
        assertEquals("main", move.profile());
        assertEquals(0.5, move.pan(), 1e-9);
        assertEquals(-0.25, move.tilt(), 1e-9);
        assertEquals(0.0, move.zoom() == null ? 0.0 : move.zoom(), 1e-9, "zoom 0 (or left out): " + move);
        assertEquals("Stop", calls.get(1).operation());
        assertEquals("main", calls.get(1).profile());
        assertTrue(!Boolean.FALSE.equals(calls.get(1).stopPanTilt()) && !Boolean.FALSE.equals(calls.get(1).stopZoom()),
                "stop stops pan/tilt and zoom: " + calls.get(1));
        assertEquals(new PtzCall("GotoPreset", "main", null, null, null, "2", null, null), calls.get(2));

        HttpResponse<String> unknown = api("POST", "/api/cameras/" + id + "/ptz",
                "{\"action\":\"goto_preset\",\"preset\":\"no-such\"}");
        assertEquals("invalid_params", errorCode(unknown), unknown.body());
    }

    @Test
    void discoveryInANamespaceFindsOneThenTwoDevices() {
        List<Path> jars = Namespace.distributionJars("org.ucv.protocol.onvif", "org.ucv.api", "org.ucv.net",
                "slf4j-api", "slf4j-simple");
        for (int n = 1; n <= 2; n++) {
            Namespace.Result run = Namespace.run(jars, Duration.ofSeconds(60), "discovery", "responders=" + n,
                    "class=" + DISCOVERY_CLASS, "timeout_ms=3000");
            assertEquals(0, run.exit(), run.toString());
            assertDiscovered(run, n);
        }
        // a probe sent straight to one host (unicast) is answered too
        Namespace.Result unicast = Namespace.run(jars, Duration.ofSeconds(60), "discovery", "responders=1",
                "class=" + DISCOVERY_CLASS, "host=127.0.0.1", "timeout_ms=3000");
        assertEquals(0, unicast.exit(), unicast.toString());
        assertDiscovered(unicast, 1);
    }

    private static void assertDiscovered(Namespace.Result run, int n) {
        List<List<String>> responders = run.all("RESPONDER");
        assertEquals(n, responders.size(), run.toString());
        List<Map<String, String>> found = run.all("FOUND").stream().map(OnvifIT::fields).toList();
        assertEquals(n, found.size(), "cameras found: " + run);
        for (List<String> r : responders) {
            // RESPONDER name hardware location endpoint xaddr
            Map<String, String> camera = found.stream().filter(f -> r.get(3).equals(f.get("endpoint"))).findFirst()
                    .orElseThrow(() -> new AssertionError("endpoint " + r.get(3) + " not found: " + run));
            assertEquals("onvif", camera.get("protocol"), camera.toString());
            assertEquals(r.get(0), camera.get("name"), camera.toString());
            assertEquals(r.get(1), camera.get("hardware"), camera.toString());
            assertEquals(r.get(2), camera.get("location"), camera.toString());
            assertEquals(r.get(4), camera.get("address"), camera.toString());
            assertTrue(camera.get("addresses").contains(r.get(4)), camera.toString());
        }
        assertEquals(List.of("0"), run.all("CHILDREN_LEFT").get(0));
    }

    private static Map<String, String> fields(List<String> kv) {
        return kv.stream().collect(Collectors.toMap(s -> s.substring(0, s.indexOf('=')),
                s -> s.substring(s.indexOf('=') + 1), (a, b) -> a));
    }

    // ---- helpers ----

    private void addCamera(String id, OnvifDevice device, String password, Map<String, String> options) {
        ObjectNode camera = WsClient.JSON.createObjectNode().put("id", id).put("name", "ONVIF " + id)
                .put("protocol", "onvif").put("url", device.deviceServiceUrl()).put("username", USER)
                .put("password", password);
        if (options != null) {
            ObjectNode o = camera.putObject("options");
            options.forEach(o::put);
        }
        try {
            HttpResponse<String> r = api("POST", "/api/cameras", camera.toString());
            assertEquals(201, r.statusCode(), "POST /api/cameras: " + r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        cameras.add(id);
    }

    private HttpResponse<String> api(String method, String path, String json) throws IOException, InterruptedException {
        return http.send(request(method, path, json), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> apiBytes(String path) throws IOException, InterruptedException {
        return http.send(request("GET", path, null), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest request(String method, String path, String json) {
        UcvServer server = UCV.server();
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("http", path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + server.adminSession());
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static void assertOk(HttpResponse<String> r) {
        assertTrue(r.statusCode() == 200 || r.statusCode() == 204, r.statusCode() + " " + r.body());
    }

    private static String errorCode(HttpResponse<String> r) throws IOException {
        return WsClient.JSON.readTree(r.body()).path("error").path("code").asText("(no error code: " + r.statusCode() + ")");
    }

    private static String errorMessage(HttpResponse<String> r) throws IOException {
        JsonNode error = WsClient.JSON.readTree(r.body()).path("error");
        return error.path("message").asText() + " " + error.path("fields");
    }

    private WsClient watch(String id) {
        WsClient ws = WsClient.open(UCV.server(), id);
        Protocol.assertConnection(ws.next(ANSWER), id);
        ws.send(StreamIT.start("medium", 10, "json"));
        ws.await("stream_started for " + id, ANSWER, m -> m.isStatus("stream_started"));
        return ws;
    }

    /** Two decodable pictures of the profile's size that differ (the peer draws a clock and a moving ball). */
    private static void assertPicturesChange(WsClient ws, String id, int width, int height) {
        Pictures.assertChange(ws, id, width, height, 50, FIRST_FRAME, ANSWER);
    }

    private static String log() throws IOException {
        return Files.readString(UCV.server().log(), StandardCharsets.ISO_8859_1);
    }

    private static void assertNoPasswordInLog() throws IOException {
        String log = log();
        for (String secret : List.of(PASSWORD, WRONG_PASSWORD)) {
            assertFalse(log.contains(secret), "the log holds a test password (" + secret.length() + " chars)");
        }
    }
}
