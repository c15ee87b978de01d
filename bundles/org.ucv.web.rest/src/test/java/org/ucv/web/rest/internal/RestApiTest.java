package org.ucv.web.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.Role;
import org.ucv.api.camera.CameraRegistry.InvalidCamera;
import org.ucv.api.camera.CameraState;
import org.ucv.api.metrics.StreamMetrics;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.DiscoveryProvider;
import org.ucv.api.spi.DiscoveryProvider.DiscoveredCamera;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.FactoryTable;
import org.ucv.api.spi.SourceException;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamService.StreamInfo;
import org.ucv.api.stream.VideoFrame;

import com.fasterxml.jackson.databind.JsonNode;

class RestApiTest {
    private static final String ADMIN = "admin-session";
    private static final String VIEWER = "viewer-session";
    private static final String SECRET = "S3cret-pw-4711";

    private final Fakes.Registry registry = new Fakes.Registry();
    private final Fakes.Streams streams = new Fakes.Streams(registry);
    private final Fakes.Metrics metrics = new Fakes.Metrics();
    private final Fakes.Auth auth = new Fakes.Auth();
    private final Plugins plugins = new Plugins();
    private final FakeFactories.Streaming demo = new FakeFactories.Streaming();
    private final FakeFactories.Capable http = new FakeFactories.Capable();
    private final FakeFactories.Ptz onvif = new FakeFactories.Ptz();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final RestApi api = api(1024 * 1024);
    /** Every body answered, to search for the password. */
    private final List<String> answered = new ArrayList<>();

    RestApiTest() {
        auth.sessions.put(ADMIN, new Principal("admin", Role.ADMIN, false));
        auth.sessions.put(VIEWER, new Principal("watcher", Role.VIEWER, false));
        plugins.add(new Plugins.Factory(new FactoryTable.Entry(demo, Set.of("demo"), 0, 1),
                "org.ucv.protocol.demo", "1.0.0"));
        plugins.add(new Plugins.Factory(new FactoryTable.Entry(http, Set.of("http", "rtsp"), 0, 2),
                "org.ucv.protocol.http", "1.0.0"));
        plugins.add(new Plugins.Factory(new FactoryTable.Entry(onvif, Set.of("onvif"), 0, 3),
                "org.ucv.protocol.onvif", "1.0.0"));
    }

    private RestApi api(int maxBody) {
        return new RestApi(registry, streams, metrics, auth, plugins, pool,
                new RestApi.Settings(maxBody, Duration.ofMillis(1500), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private ApiResponse call(String method, String path, String body, String session) {
        return call(api, method, path, body, session);
    }

    private ApiResponse call(RestApi on, String method, String path, String body, String session) {
        Fakes.Request r = new Fakes.Request(method, path);
        if (body != null) {
            r.body(body);
        }
        if (session != null) {
            r.cookie("ucv_session", session);
        }
        ApiResponse resp = on.handle(r);
        if (resp.contentType() != null && resp.contentType().startsWith("application/json")) {
            answered.add(text(resp));
        }
        return resp;
    }

    private static String text(ApiResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(ApiResponse r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private static void assertError(ApiResponse r, int status, String code) throws Exception {
        assertEquals(status, r.status(), text(r));
        assertEquals(code, json(r).path("error").path("code").asText(), text(r));
        assertFalse(json(r).path("error").path("message").asText().isEmpty(), text(r));
    }

    private static String field(ApiResponse r, String name) throws Exception {
        return json(r).path("error").path("fields").path(name).asText(null);
    }

    // ---- who may do what ----

    @Test
    void withoutCredentialsEveryRequestIsUnauthorizedWithAChallenge() throws Exception {
        Fakes.Request r = new Fakes.Request("POST", "/api/cameras").body("{\"protocol\":\"demo\"}");
        ApiResponse resp = api.handle(r);
        assertError(resp, 401, "unauthorized");
        assertEquals("Bearer realm=\"ucv\"", resp.headers().get("WWW-Authenticate"));
        assertEquals(0, r.bodyReads, "the body of an unauthenticated request is not read");
        assertError(call("GET", "/api/cameras", null, null), 401, "unauthorized");
        assertError(call("GET", "/api/nothing-here", null, null), 401, "unauthorized");
        assertError(call("GET", "/api/cameras", null, "expired"), 401, "unauthorized");
    }

    @Test
    void aBearerTokenIsASession() throws Exception {
        Fakes.Request r = new Fakes.Request("GET", "/api/cameras").header("Authorization", "Bearer " + ADMIN);
        assertEquals(200, api.handle(r).status());
        Fakes.Request stale = new Fakes.Request("GET", "/api/cameras").cookie("ucv_session", "stale")
                .header("Authorization", "bearer " + VIEWER);
        assertEquals(200, api.handle(stale).status(), "a stale cookie does not hide a good token");
    }

    @Test
    void anonymousViewersMayReadButAreToldToLogInToWrite() throws Exception {
        auth.anonymous = true;
        assertEquals(200, call("GET", "/api/cameras", null, null).status());
        ApiResponse write = call("POST", "/api/cameras", "{\"protocol\":\"demo\"}", null);
        assertError(write, 401, "unauthorized");
        assertTrue(registry.writes.isEmpty());
    }

    @Test
    void aViewerMayReadButNotWrite() throws Exception {
        registry.cameras.put("cam", CameraConfig.builder("cam").protocol("onvif").host("h").build());
        assertEquals(200, call("GET", "/api/cameras", null, VIEWER).status());
        assertEquals(200, call("GET", "/api/cameras/cam", null, VIEWER).status());
        assertEquals(200, call("GET", "/api/streams", null, VIEWER).status());
        assertEquals(200, call("GET", "/api/protocols", null, VIEWER).status());
        assertEquals(200, call("GET", "/api/cameras/cam/ptz/presets", null, VIEWER).status());
        for (String[] w : new String[][] {{"POST", "/api/cameras"}, {"PUT", "/api/cameras/cam"},
            {"PATCH", "/api/cameras/cam"}, {"DELETE", "/api/cameras/cam"}, {"POST", "/api/cameras/cam/test"},
            {"POST", "/api/cameras/test"}, {"POST", "/api/cameras/cam/ptz"}, {"POST", "/api/discovery"}}) {
            ApiResponse r = call(w[0], w[1], "{\"protocol\":\"demo\",\"action\":\"stop\"}", VIEWER);
            assertError(r, 403, "forbidden");
            assertTrue(json(r).path("error").path("message").asText().contains("watcher"), text(r));
        }
        assertTrue(registry.writes.isEmpty());
        assertTrue(onvif.calls.isEmpty());
    }

    @Test
    void aWriteFromAPageOfAnotherOriginIsRefused() throws Exception {
        Fakes.Request evil = new Fakes.Request("POST", "/api/cameras").cookie("ucv_session", ADMIN)
                .header("Origin", "https://evil.example").body("{\"protocol\":\"demo\"}");
        assertError(api.handle(evil), 403, "forbidden");
        Fakes.Request own = new Fakes.Request("POST", "/api/cameras").cookie("ucv_session", ADMIN)
                .header("Origin", "http://cams.example:8000").body("{\"protocol\":\"demo\"}");
        assertEquals(201, api.handle(own).status());
        Fakes.Request read = new Fakes.Request("GET", "/api/cameras").cookie("ucv_session", ADMIN)
                .header("Origin", "https://evil.example");
        assertEquals(200, api.handle(read).status(), "reads are not origin-checked (CORS keeps their answers)");
        assertEquals(List.of("create demo"), registry.writes);
    }

    // ---- cameras ----

    @Test
    void crudRoundTrip() throws Exception {
        ApiResponse created = call("POST", "/api/cameras", "{\"id\":\"garage\",\"name\":\"Garage\",\"protocol\":\"RTSP\","
                + "\"url\":\"rtsp://10.0.0.5/s1\",\"username\":\"viewer\",\"password\":\"" + SECRET + "\","
                + "\"transport\":\"TCP\",\"options\":{\"latency\":\"low\",\"fps\":10}}", ADMIN);
        assertEquals(201, created.status(), text(created));
        assertEquals("/api/cameras/garage", created.headers().get("Location"));
        JsonNode c = json(created);
        assertEquals("garage", c.get("id").asText());
        assertEquals("rtsp", c.get("protocol").asText(), "the protocol is stored in lower case");
        assertEquals("tcp", c.get("transport").asText());
        assertEquals("10", c.get("options").get("fps").asText(), "a number option is stored as its text");
        assertTrue(c.get("has_password").asBoolean());
        assertFalse(c.has("password"));
        assertEquals("idle", c.get("state").asText());
        assertTrue(c.has("last_error") && c.get("last_error").isNull());

        assertEquals(c, json(call("GET", "/api/cameras/garage", null, ADMIN)));
        JsonNode list = json(call("GET", "/api/cameras", null, ADMIN));
        assertEquals(1, list.size());
        assertEquals("garage", list.get(0).get("id").asText());

        // PUT replaces: what is not given is reset, except the password.
        ApiResponse put = call("PUT", "/api/cameras/garage", "{\"name\":\"Garage 2\",\"protocol\":\"rtsp\","
                + "\"host\":\"10.0.0.6\",\"port\":8554,\"state\":\"idle\",\"has_password\":true}", ADMIN);
        assertEquals(200, put.status(), text(put));
        CameraConfig replaced = registry.cameras.get("garage");
        assertEquals("Garage 2", replaced.name());
        assertTrue(replaced.url().isEmpty());
        assertTrue(replaced.username().isEmpty());
        assertEquals(Map.of(), replaced.options());
        assertEquals(Optional.of(SECRET), replaced.password(), "an absent password is kept");
        assertEquals(8554, json(put).get("port").asInt());

        // PATCH merges: only the fields given change; null clears; an option set to null goes.
        call("PATCH", "/api/cameras/garage", "{\"options\":{\"a\":\"1\",\"b\":\"2\"}}", ADMIN);
        ApiResponse patch = call("PATCH", "/api/cameras/garage", "{\"port\":null,\"enabled\":false,"
                + "\"options\":{\"a\":null,\"c\":\"3\"}}", ADMIN);
        assertEquals(200, patch.status(), text(patch));
        CameraConfig patched = registry.cameras.get("garage");
        assertEquals("Garage 2", patched.name());
        assertEquals("10.0.0.6", patched.host().orElseThrow());
        assertEquals(0, patched.port());
        assertFalse(patched.enabled());
        assertEquals(Map.of("b", "2", "c", "3"), patched.options());
        assertEquals(Optional.of(SECRET), patched.password());

        assertEquals(204, call("DELETE", "/api/cameras/garage", null, ADMIN).status());
        assertError(call("GET", "/api/cameras/garage", null, ADMIN), 404, "camera_not_found");
        assertError(call("DELETE", "/api/cameras/garage", null, ADMIN), 404, "camera_not_found");
        assertError(call("PUT", "/api/cameras/garage", "{\"protocol\":\"demo\"}", ADMIN), 404, "camera_not_found");
        assertError(call("PATCH", "/api/cameras/garage", "{}", ADMIN), 404, "camera_not_found");
        assertNoSecretAnswered();
    }

    @Test
    void thePasswordIsWriteOnly() throws Exception {
        call("POST", "/api/cameras", "{\"id\":\"a\",\"protocol\":\"demo\",\"password\":\"" + SECRET + "\"}", ADMIN);
        call("PATCH", "/api/cameras/a", "{\"name\":\"A\"}", ADMIN);
        assertEquals(Optional.of(SECRET), registry.cameras.get("a").password());
        ApiResponse cleared = call("PATCH", "/api/cameras/a", "{\"password\":\"\"}", ADMIN);
        assertFalse(json(cleared).get("has_password").asBoolean());
        assertTrue(registry.cameras.get("a").password().isEmpty());
        call("PUT", "/api/cameras/a", "{\"protocol\":\"demo\",\"password\":\"new-" + SECRET + "\"}", ADMIN);
        assertEquals(Optional.of("new-" + SECRET), registry.cameras.get("a").password());
        call("GET", "/api/cameras", null, ADMIN);
        call("GET", "/api/cameras/a", null, ADMIN);
        assertNoSecretAnswered();
    }

    @Test
    void aUrlWithCredentialsFromAFileIsMaskedAndErrorsAreRedacted() throws Exception {
        registry.cameras.put("old", CameraConfig.builder("old").protocol("rtsp").url("rtsp://admin:" + SECRET + "@h/s")
                .password(SECRET).build());
        streams.running.add(new StreamInfo("old", CameraState.RECONNECTING, 1, 1, "auth failed for " + SECRET));
        JsonNode c = json(call("GET", "/api/cameras/old", null, ADMIN));
        assertEquals("rtsp://***@h/s", c.get("url").asText());
        assertEquals("auth failed for ***", c.get("last_error").asText());
        call("GET", "/api/streams", null, ADMIN);
        assertNoSecretAnswered();
    }

    @Test
    void anIdIsMadeFromTheNameAndKeptUnique() throws Exception {
        registry.invalid.add(new InvalidCamera("pid-9", "front-door-2", "refused"));
        assertEquals("front-door", json(call("POST", "/api/cameras", "{\"name\":\"Front Door!\",\"protocol\":\"demo\"}",
                ADMIN)).get("id").asText());
        assertEquals("front-door-3", json(call("POST", "/api/cameras",
                "{\"name\":\" Front  door \",\"protocol\":\"demo\"}", ADMIN)).get("id").asText(),
                "front-door-2 is claimed by a refused configuration");
        assertEquals("cafe-entree", json(call("POST", "/api/cameras", "{\"name\":\"Café Entrée\",\"protocol\":\"demo\"}",
                ADMIN)).get("id").asText());
        assertEquals("demo", json(call("POST", "/api/cameras", "{\"protocol\":\"demo\"}", ADMIN)).get("id").asText());
    }

    @Test
    void eachBadFieldIsNamed() throws Exception {
        assertEquals("must be 1-64 lower case letters, digits, '_' or '-', starting with a letter or digit",
                field(call("POST", "/api/cameras", "{\"id\":\"Front Door\",\"protocol\":\"demo\"}", ADMIN), "id"));
        assertFieldError("{\"id\":\"a\",\"protocol\":\"rtsp\",\"host\":\"h\",\"port\":70000}", "port");
        assertFieldError("{\"id\":\"a\",\"protocol\":\"rtsp\",\"host\":\"h\",\"port\":\"554\"}", "port");
        assertFieldError("{\"id\":\"a\",\"protocol\":\"rtsp\",\"host\":\"h\",\"port\":5.5}", "port");
        assertFieldError("{\"id\":\"a\",\"protocol\":\"demo\",\"enabled\":\"yes\"}", "enabled");
        assertFieldError("{\"id\":\"a\",\"protocol\":\"demo\",\"options\":[\"fps=5\"]}", "options");
        assertFieldError("{\"id\":\"a\",\"protocol\":\"demo\",\"options\":{\"fps\":[5]}}", "options");
        assertFieldError("{\"id\":\"a\",\"protocol\":\"demo\",\"usename\":\"x\"}", "usename");
        assertFieldError("{\"id\":\"a\",\"protocol\":5}", "protocol");
        assertFieldError("{\"id\":\"a\"}", "protocol");
        assertFieldError("{\"id\":\"a\",\"protocol\":\"rtsp\",\"url\":\"rtsp://u:" + SECRET + "@h/\"}", "url");
        assertFieldError("{\"id\":\"a\",\"protocol\":\"rtsp\",\"host\":\"h\",\"transport\":\"quic\"}", "transport");

        ApiResponse all = call("POST", "/api/cameras", "{\"id\":\"A\",\"protocol\":\"rtsp\",\"url\":\"rtsp://u:p@h/\","
                + "\"port\":-1,\"transport\":\"x\"}", ADMIN);
        assertEquals(Set.of("id", "url", "port", "transport"), fieldNames(all));
        assertEquals("invalid_params", json(all).path("error").path("code").asText());
        assertTrue(registry.writes.isEmpty());
        assertNoSecretAnswered();
    }

    private void assertFieldError(String body, String field) throws Exception {
        ApiResponse r = call("POST", "/api/cameras", body, ADMIN);
        assertError(r, 400, "invalid_params");
        assertEquals(Set.of(field), fieldNames(r), text(r));
    }

    private static Set<String> fieldNames(ApiResponse r) throws Exception {
        Set<String> names = new java.util.HashSet<>();
        json(r).path("error").path("fields").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theIdOfAStoredCameraCannotChange() throws Exception {
        call("POST", "/api/cameras", "{\"id\":\"a\",\"protocol\":\"demo\"}", ADMIN);
        ApiResponse r = call("PUT", "/api/cameras/a", "{\"id\":\"b\",\"protocol\":\"demo\"}", ADMIN);
        assertError(r, 400, "invalid_params");
        assertTrue(field(r, "id").contains("cannot be changed"));
        assertEquals(200, call("PATCH", "/api/cameras/a", "{\"id\":\"a\"}", ADMIN).status());
    }

    @Test
    void aTakenIdIsAConflict() throws Exception {
        call("POST", "/api/cameras", "{\"id\":\"garage\",\"protocol\":\"demo\"}", ADMIN);
        ApiResponse r = call("POST", "/api/cameras", "{\"id\":\"garage\",\"protocol\":\"demo\",\"name\":\"other\"}", ADMIN);
        assertError(r, 409, "invalid_params");
        assertTrue(json(r).path("error").path("message").asText().contains("taken"), text(r));
        assertEquals("is already taken", field(r, "id"));
        assertEquals("garage", registry.cameras.get("garage").name());
    }

    @Test
    void malformedJsonIsInvalidJson() throws Exception {
        for (String bad : new String[] {"{\"id\":", "", "   ", "[1,2]", "\"camera\"", "{\"id\":\"a\",\"id\":\"b\"}",
            "{\"protocol\":\"demo\"} trailing", "{'protocol':'demo'}"}) {
            ApiResponse r = call("POST", "/api/cameras", bad, ADMIN);
            assertError(r, 400, "invalid_json");
        }
        ApiResponse quoted = call("POST", "/api/cameras", "{\"password\":\"" + SECRET + "\" oops}", ADMIN);
        assertError(quoted, 400, "invalid_json");
        assertTrue(registry.writes.isEmpty());
        assertNoSecretAnswered();
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndNothingIsStored() throws Exception {
        RestApi small = api(64);
        String big = "{\"protocol\":\"demo\",\"name\":\"" + "x".repeat(100) + "\"}";
        assertError(call(small, "POST", "/api/cameras", big, ADMIN), 413, "invalid_params");
        assertEquals(201, call(small, "POST", "/api/cameras", "{\"protocol\":\"demo\"}", ADMIN).status());
        assertEquals(List.of("create demo"), registry.writes);
    }

    // ---- test, snapshot, PTZ ----

    @Test
    void aCameraIsTestedBeforeItIsStored() throws Exception {
        ApiResponse demoTest = call("POST", "/api/cameras/test", "{\"protocol\":\"demo\"}", ADMIN);
        assertEquals(200, demoTest.status(), text(demoTest));
        assertEquals("h264", json(demoTest).get("codec").asText(), "without a tester, the first packet tells");
        assertEquals(List.of("demo"), demo.closed, "the probe's source is closed");

        ApiResponse httpTest = call("POST", "/api/cameras/test", "{\"protocol\":\"http\",\"url\":\"http://h/v\","
                + "\"username\":\"u\"}", ADMIN);
        assertEquals(200, httpTest.status(), text(httpTest));
        assertEquals("mjpeg", json(httpTest).get("codec").asText());
        assertEquals(12, json(httpTest).get("elapsed_ms").asInt());
        assertTrue(registry.writes.isEmpty(), "a test stores nothing");
    }

    @Test
    void aFailedTestIsTheCamerasErrorWithoutItsPassword() throws Exception {
        demo.failWith = ErrorCode.AUTH_FAILED;
        ApiResponse r = call("POST", "/api/cameras/test", "{\"protocol\":\"demo\",\"password\":\"" + SECRET + "\"}", ADMIN);
        assertError(r, 502, "auth_failed");
        http.fails = new SourceException(ErrorCode.CAMERA_UNREACHABLE, "no route to h with " + SECRET);
        assertError(call("POST", "/api/cameras/test", "{\"protocol\":\"http\",\"host\":\"h\",\"password\":\""
                + SECRET + "\"}", ADMIN), 502, "camera_unreachable");
        assertError(call("POST", "/api/cameras/test", "{\"protocol\":\"nope\",\"host\":\"h\"}", ADMIN), 502,
                "protocol_missing");
        assertError(call("POST", "/api/cameras/test", "{\"protocol\":\"demo\",\"port\":\"x\"}", ADMIN), 400,
                "invalid_params");
        assertNoSecretAnswered();
    }

    @Test
    void aSilentCameraTimesOut() throws Exception {
        demo.silent = true;
        assertError(call("POST", "/api/cameras/test", "{\"protocol\":\"demo\"}", ADMIN), 502, "timeout");
    }

    @Test
    void aStoredCameraIsTestedWithUnsavedChangesAndItsStoredPassword() throws Exception {
        call("POST", "/api/cameras", "{\"id\":\"h\",\"protocol\":\"http\",\"url\":\"http://h/v\",\"username\":\"old\","
                + "\"password\":\"" + SECRET + "\"}", ADMIN);
        assertEquals("server Fake/1.0 as old", json(call("POST", "/api/cameras/h/test", null, ADMIN)).get("detail").asText());
        assertEquals("server Fake/1.0 as new", json(call("POST", "/api/cameras/h/test", "{\"username\":\"new\"}", ADMIN))
                .get("detail").asText());
        assertEquals("old", registry.cameras.get("h").username().orElseThrow(), "nothing was saved");
        assertError(call("POST", "/api/cameras/none/test", null, ADMIN), 404, "camera_not_found");
    }

    @Test
    void aSnapshotComesFromThePluginWhenItCan() throws Exception {
        registry.cameras.put("h", CameraConfig.builder("h").protocol("http").url("http://h/v").build());
        ApiResponse r = call("GET", "/api/cameras/h/snapshot", null, VIEWER);
        assertEquals(200, r.status());
        assertEquals("image/jpeg", r.contentType());
        assertArrayEquals(FakeFactories.JPEG, r.body());
        assertTrue(streams.opened.isEmpty());
    }

    @Test
    void elseASnapshotIsTheNextFrameOfTheStreamAtHighQuality() throws Exception {
        registry.cameras.put("d", CameraConfig.builder("d").protocol("demo").build());
        streams.viewer = v -> new Thread(() -> v.deliver(new VideoFrame(FakeFactories.JPEG, "jpeg", 2, 2, Quality.HIGH,
                0, 0, 1), () -> { }), "ucv-test-deliver").start();
        ApiResponse r = call("GET", "/api/cameras/d/snapshot", null, VIEWER);
        assertEquals(200, r.status(), text(r));
        assertArrayEquals(FakeFactories.JPEG, r.body());
        assertEquals(List.of("d high"), streams.opened);
        assertEquals(List.of("d"), streams.closed, "the snapshot's viewer leaves");
    }

    @Test
    void aSnapshotThatFailsNamesTheCause() throws Exception {
        registry.cameras.put("d", CameraConfig.builder("d").protocol("demo").build());
        streams.viewer = v -> v.event(StreamEvent.error(ErrorCode.STREAM_NOT_FOUND, "camera 'd': no such stream", true));
        assertError(call("GET", "/api/cameras/d/snapshot", null, VIEWER), 502, "stream_not_found");

        streams.viewer = v -> v.event(StreamEvent.reconnecting(ErrorCode.CAMERA_UNREACHABLE, "refused", 1, 1000));
        assertError(call("GET", "/api/cameras/d/snapshot", null, VIEWER), 502, "camera_unreachable");

        registry.cameras.put("off", CameraConfig.builder("off").protocol("http").url("http://h/").enabled(false).build());
        assertError(call("GET", "/api/cameras/off/snapshot", null, VIEWER), 502, "camera_unreachable");
        http.fails = new SourceException(ErrorCode.AUTH_FAILED, "401 from h");
        registry.cameras.put("h", CameraConfig.builder("h").protocol("http").url("http://h/").build());
        assertError(call("GET", "/api/cameras/h/snapshot", null, VIEWER), 502, "auth_failed");
        assertError(call("GET", "/api/cameras/none/snapshot", null, VIEWER), 404, "camera_not_found");
    }

    @Test
    void ptzMovesStopsAndGoesToPresets() throws Exception {
        registry.cameras.put("p", CameraConfig.builder("p").protocol("onvif").host("h").build());
        assertEquals(204, call("POST", "/api/cameras/p/ptz", "{\"action\":\"move\",\"pan\":0.5,\"tilt\":-1,\"zoom\":0}",
                ADMIN).status());
        assertEquals(204, call("POST", "/api/cameras/p/ptz", "{\"action\":\"stop\"}", ADMIN).status());
        assertEquals(204, call("POST", "/api/cameras/p/ptz", "{\"action\":\"goto_preset\",\"preset\":\"2\"}", ADMIN).status());
        assertEquals(List.of("move p 0.5 -1.0 0.0", "stop p", "goto p 2"), onvif.calls);

        JsonNode presets = json(call("GET", "/api/cameras/p/ptz/presets", null, VIEWER));
        assertEquals("[{\"token\":\"1\",\"name\":\"Door\"},{\"token\":\"2\",\"name\":\"Gate\"}]", presets.toString());

        ApiResponse noPreset = call("POST", "/api/cameras/p/ptz", "{\"action\":\"goto_preset\",\"preset\":\"9\"}", ADMIN);
        assertError(noPreset, 400, "invalid_params");
        assertTrue(field(noPreset, "preset").contains("'9'"));
        assertEquals("must be a number from -1 to 1", field(call("POST", "/api/cameras/p/ptz",
                "{\"action\":\"move\",\"pan\":2}", ADMIN), "pan"));
        assertTrue(field(call("POST", "/api/cameras/p/ptz", "{\"action\":\"jump\"}", ADMIN), "action").contains("jump"));
        assertTrue(field(call("POST", "/api/cameras/p/ptz", "{\"action\":\"goto_preset\"}", ADMIN), "preset") != null);
        assertEquals(3, onvif.calls.size());
    }

    @Test
    void ptzOnAProtocolWithoutItIsABadRequestNamingTheProtocol() throws Exception {
        registry.cameras.put("d", CameraConfig.builder("d").protocol("demo").build());
        ApiResponse r = call("POST", "/api/cameras/d/ptz", "{\"action\":\"stop\"}", ADMIN);
        assertError(r, 400, "invalid_params");
        assertTrue(field(r, "protocol").contains("demo"), text(r));
        assertError(call("GET", "/api/cameras/d/ptz/presets", null, ADMIN), 400, "invalid_params");
    }

    // ---- discovery, streams, protocols ----

    @Test
    void discoveryAsksEveryProviderAndMerges() throws Exception {
        DiscoveryProvider a = t -> List.of(new DiscoveredCamera("onvif", "http://10.0.0.5/onvif/device_service", "Door",
                "Acme", "X1", "hall", "urn:uuid:1", List.of("http://10.0.0.5/onvif/device_service")));
        DiscoveryProvider b = t -> List.of(new DiscoveredCamera("onvif", "http://10.0.0.5:80/onvif/device_service", "Door",
                "Acme", "X1", "hall", "urn:uuid:1", List.of()), new DiscoveredCamera("rtsp", "rtsp://10.0.0.9/", null, null));
        plugins.add(new Plugins.Discovery(a, "org.ucv.protocol.onvif", "1.0.0"));
        plugins.add(new Plugins.Discovery(b, "vendor.scan", "2.0.0"));
        JsonNode all = json(call("POST", "/api/discovery", "{\"timeout_ms\":500}", ADMIN));
        assertEquals(2, all.get("cameras").size(), all.toString());
        assertEquals(2, all.get("providers").asInt());
        JsonNode one = json(call("POST", "/api/discovery", "{\"host\":\"10.0.0.9\"}", ADMIN));
        assertEquals("rtsp://10.0.0.9/", one.get("cameras").get(0).get("address").asText());
        assertEquals(200, call("POST", "/api/discovery", null, ADMIN).status(), "the body is optional");
        assertEquals("timeout_ms", fieldNames(call("POST", "/api/discovery", "{\"timeout_ms\":60000}", ADMIN))
                .iterator().next());
    }

    @Test
    void streamsKeepTheNamesOfThePagesEndpoint() throws Exception {
        registry.cameras.put("d", CameraConfig.builder("d").protocol("demo").build());
        streams.running.add(new StreamInfo("d", CameraState.STREAMING, 2, 1, null));
        metrics.figures.add(new StreamMetrics("d", 15, 100, 0, 1, 90, 80, 1, 12.5, 2, 40, 97));
        JsonNode listed = json(call("GET", "/api/cameras", null, VIEWER)).get(0);
        assertEquals("streaming", listed.get("state").asText());
        assertTrue(listed.get("last_error").isNull());
        JsonNode s = json(call("GET", "/api/streams", null, VIEWER)).get(0);
        assertEquals("d", s.get("camera_id").asText());
        assertEquals("streaming", s.get("state").asText());
        assertEquals(2, s.get("viewers").asInt());
        assertEquals(1, s.get("renditions").asInt());
        assertTrue(s.get("last_error").isNull());
        assertEquals(1, s.get("metrics").get("decoders_opened").asInt());
        assertEquals(97, s.get("metrics").get("health_score").asInt());
    }

    @Test
    void protocolsListPluginsWithTheirCapabilities() throws Exception {
        FakeFactories.Streaming newer = new FakeFactories.Streaming();
        plugins.add(new Plugins.Factory(new FactoryTable.Entry(newer, Set.of("demo"), 10, 9), "vendor.demo", "2.1.0"));
        plugins.add(new Plugins.Discovery(t -> List.of(), "org.ucv.protocol.onvif", "1.0.0"));
        JsonNode p = json(call("GET", "/api/protocols", null, VIEWER));
        assertEquals("[\"demo\",\"demo\",\"http\",\"onvif\",\"rtsp\"]",
                Json.MAPPER.valueToTree(p.get("protocols").findValuesAsText("protocol")).toString());
        JsonNode activeDemo = p.get("protocols").get(0);
        assertEquals("vendor.demo", activeDemo.get("bundle").asText(), "the higher ranking serves demo");
        assertTrue(activeDemo.get("active").asBoolean());
        assertFalse(p.get("protocols").get(1).get("active").asBoolean());
        assertEquals("[\"snapshot\",\"test\"]", p.get("protocols").get(2).get("capabilities").toString());
        assertEquals("[\"ptz\"]", p.get("protocols").get(3).get("capabilities").toString());
        assertEquals("1.0.0", p.get("protocols").get(2).get("version").asText());
        assertEquals("org.ucv.protocol.onvif", p.get("discovery").get(0).get("bundle").asText());
    }

    // ---- routing ----

    @Test
    void unknownPathsAndMethodsAreAnswered() throws Exception {
        assertError(call("GET", "/api/cameraz", null, ADMIN), 404, "unknown_action");
        ApiResponse r = call("POST", "/api/streams", "{}", ADMIN);
        assertError(r, 405, "unknown_action");
        assertEquals("GET, HEAD", r.headers().get("Allow"));
        assertEquals(200, call("GET", "/api/openapi.json", null, VIEWER).status());
        assertNull(json(call("GET", "/api/openapi.json", null, VIEWER)).get("error"));
    }

    private void assertNoSecretAnswered() {
        for (String body : answered) {
            assertFalse(body.contains(SECRET), "an answer holds the password: " + body);
        }
    }
}
