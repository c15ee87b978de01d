package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucv.itests.support.Await;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.UcvServer;
import org.ucv.itests.support.WsClient;
import org.ucv.itests.support.WsClient.Message;

/**
 * The REST API (docs/rest.md) against the real distribution: camera CRUD through ConfigAdmin,
 * validation, limits, roles, what a viewer of an edited or deleted camera sees, snapshot, plugins,
 * the OpenAPI document, and that a camera password shows up nowhere.
 */
class RestIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final Duration FIRST_FRAME = Duration.ofSeconds(30);
    /** FileInstall polls load/ every second; ConfigAdmin then delivers. */
    private static final Duration FILE_CHANGE = Duration.ofSeconds(30);

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.shared();

    private static UcvServer server() {
        return UCV.server();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return server().send(method, path, body, server().adminSession());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, json(r).path("error").path("code").asText(), r.body());
        assertFalse(json(r).path("error").path("message").asText().isEmpty(), r.body());
    }

    private static ObjectNode demoCamera(String id) {
        ObjectNode c = JSON.createObjectNode().put("id", id).put("name", "REST " + id).put("protocol", "demo");
        c.putObject("options").put("fps", "5");
        return c;
    }

    @Test
    void withoutLoginEveryEndpointIs401WithAChallenge() throws Exception {
        for (String[] r : new String[][] {{"GET", "/api/cameras"}, {"POST", "/api/cameras"}, {"GET", "/api/streams"},
            {"GET", "/api/cameras/demo/snapshot"}, {"GET", "/api/openapi.json"}, {"POST", "/api/discovery"}}) {
            HttpResponse<String> answer = server().send(r[0], r[1], r[0].equals("POST") ? "{}" : null, null);
            assertError(answer, 401, "unauthorized");
            assertEquals("Bearer realm=\"ucv\"", answer.headers().firstValue("WWW-Authenticate").orElse(null), r[1]);
        }
        assertError(server().send("GET", "/api/cameras", null, "not-a-session"), 401, "unauthorized");
    }

    @Test
    void theLoginEndpointsAreNotShadowedByTheApiPrefix() throws Exception {
        // /api/* of this bundle would answer 404 unknown_action for these paths: the auth bundle's
        // exact patterns must win.
        JsonNode me = json(admin("GET", "/api/me", null));
        assertEquals("admin", me.path("user").asText(), me.toString());
        assertEquals(200, admin("GET", "/api/users", null).statusCode());
        assertEquals(200, admin("POST", "/api/ws-token", null).statusCode());
        HttpResponse<String> token = server().send("POST", "/api/login", JSON.createObjectNode()
                .put("username", UcvServer.ADMIN).put("password", server().adminPassword()).put("token", true).toString(), null);
        assertEquals(200, token.statusCode(), token.body());
        String bearer = json(token).path("token").asText();
        HttpRequest withBearer = HttpRequest.newBuilder(server().uri("http", "/api/cameras"))
                .header("Authorization", "Bearer " + bearer).GET().build();
        assertEquals(200, server().http().send(withBearer, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertError(admin("GET", "/api/no-such-endpoint", null), 404, "unknown_action");
    }

    @Test
    void crudRoundTrip() throws Exception {
        String id = unique("rest-crud");
        HttpResponse<String> created = admin("POST", "/api/cameras", demoCamera(id).toString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("/api/cameras/" + id, created.headers().firstValue("Location").orElse(null));
        JsonNode c = json(created);
        assertEquals(id, c.path("id").asText());
        assertEquals("5", c.path("options").path("fps").asText());
        assertFalse(c.path("has_password").asBoolean());
        assertTrue(List.of("idle", "connecting", "streaming").contains(c.path("state").asText()), c.toString());

        assertEquals(c.path("name"), json(admin("GET", "/api/cameras/" + id, null)).path("name"));
        boolean listed = false;
        for (JsonNode each : json(admin("GET", "/api/cameras", null))) {
            listed |= each.path("id").asText().equals(id);
        }
        assertTrue(listed, "GET /api/cameras lists the new camera");

        ObjectNode replaced = JSON.createObjectNode().put("name", "Replaced").put("protocol", "demo");
        HttpResponse<String> put = admin("PUT", "/api/cameras/" + id, replaced.toString());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("Replaced", json(put).path("name").asText());
        assertEquals(0, json(put).path("options").size(), "PUT resets the fields it does not give");

        HttpResponse<String> patch = admin("PATCH", "/api/cameras/" + id, "{\"enabled\":false,\"options\":{\"fps\":\"7\"}}");
        assertEquals(200, patch.statusCode(), patch.body());
        JsonNode patched = json(admin("GET", "/api/cameras/" + id, null));
        assertEquals("Replaced", patched.path("name").asText());
        assertFalse(patched.path("enabled").asBoolean());
        assertEquals("disabled", patched.path("state").asText());
        assertEquals("7", patched.path("options").path("fps").asText());

        assertEquals(204, admin("DELETE", "/api/cameras/" + id, null).statusCode());
        assertError(admin("GET", "/api/cameras/" + id, null), 404, "camera_not_found");
        assertError(admin("DELETE", "/api/cameras/" + id, null), 404, "camera_not_found");
        assertError(admin("PATCH", "/api/cameras/" + id, "{}"), 404, "camera_not_found");
    }

    @Test
    void eachValidationErrorNamesItsField() throws Exception {
        String[][] cases = {
            {"{\"id\":\"Bad Id\",\"protocol\":\"demo\"}", "id"},
            {"{\"id\":\"v-port\",\"protocol\":\"rtsp\",\"host\":\"10.0.0.5\",\"port\":70000}", "port"},
            {"{\"id\":\"v-proto\"}", "protocol"},
            {"{\"id\":\"v-url\",\"protocol\":\"rtsp\",\"url\":\"rtsp://admin:pw@10.0.0.5/s\"}", "url"},
            {"{\"id\":\"v-both\",\"protocol\":\"rtsp\",\"url\":\"rtsp://10.0.0.5/s\",\"host\":\"10.0.0.5\"}", "host"},
            {"{\"id\":\"v-none\",\"protocol\":\"rtsp\"}", "url"},
            {"{\"id\":\"v-tr\",\"protocol\":\"rtsp\",\"host\":\"h\",\"transport\":\"quic\"}", "transport"},
            {"{\"id\":\"v-en\",\"protocol\":\"demo\",\"enabled\":\"yes\"}", "enabled"},
            {"{\"id\":\"v-opt\",\"protocol\":\"demo\",\"options\":{\"bad key\":\"1\"}}", "options"},
            {"{\"id\":\"v-name\",\"protocol\":\"demo\",\"name\":\"" + "n".repeat(201) + "\"}", "name"},
            {"{\"id\":\"v-x\",\"protocol\":\"demo\",\"usernme\":\"x\"}", "usernme"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = admin("POST", "/api/cameras", c[0]);
            assertError(r, 400, "invalid_params");
            assertTrue(json(r).path("error").path("fields").has(c[1]), c[1] + " in " + r.body());
        }
        for (JsonNode each : json(admin("GET", "/api/cameras", null))) {
            assertFalse(each.path("id").asText().startsWith("v-"), "nothing invalid was stored: " + each);
        }
    }

    @Test
    void aTakenIdIsAConflictAlsoForAFileCamera() throws Exception {
        HttpResponse<String> demo = admin("POST", "/api/cameras", demoCamera("demo").toString());
        assertError(demo, 409, "invalid_params");
        assertTrue(json(demo).path("error").path("message").asText().contains("taken"), demo.body());
        String id = unique("rest-dup");
        assertEquals(201, admin("POST", "/api/cameras", demoCamera(id).toString()).statusCode());
        try {
            assertError(admin("POST", "/api/cameras", demoCamera(id).toString()), 409, "invalid_params");
        } finally {
            admin("DELETE", "/api/cameras/" + id, null);
        }
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertError(admin("POST", "/api/cameras", "{\"id\":"), 400, "invalid_json");
        assertError(admin("POST", "/api/cameras", "[]"), 400, "invalid_json");
        assertError(admin("PATCH", "/api/cameras/demo", "{\"name\":\"a\",\"name\":\"b\"}"), 400, "invalid_json");
    }

    @Test
    void aTenMegabyteBodyIs413AndNothingIsStored() throws Exception {
        String id = unique("rest-big");
        String big = "{\"id\":\"" + id + "\",\"protocol\":\"demo\",\"name\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        HttpResponse<String> declared = admin("POST", "/api/cameras", big);
        assertError(declared, 413, "invalid_params");

        // Without Content-Length (chunked): counted while read.
        HttpRequest chunked = HttpRequest.newBuilder(server().uri("http", "/api/cameras"))
                .header("Cookie", UcvServer.SESSION_COOKIE + "=" + server().adminSession())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        big.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> counted = server().http().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertError(counted, 413, "invalid_params");
        assertError(admin("GET", "/api/cameras/" + id, null), 404, "camera_not_found");
    }

    @Test
    void aViewerReadsButMayNotWrite() throws Exception {
        try (UcvServer.TestUser viewer = server().addUser("rest-viewer", "viewer")) {
            String session = viewer.login();
            assertEquals(200, server().send("GET", "/api/cameras", null, session).statusCode());
            assertEquals(200, server().send("GET", "/api/cameras/demo", null, session).statusCode());
            assertEquals(200, server().send("GET", "/api/protocols", null, session).statusCode());
            String id = unique("rest-by-viewer");
            assertError(server().send("POST", "/api/cameras", demoCamera(id).toString(), session), 403, "forbidden");
            assertError(server().send("DELETE", "/api/cameras/demo", null, session), 403, "forbidden");
            assertError(server().send("POST", "/api/cameras/demo/ptz", "{\"action\":\"stop\"}", session), 403, "forbidden");
            assertError(admin("GET", "/api/cameras/" + id, null), 404, "camera_not_found");
        }
    }

    @Test
    void aCameraMadeByRestStreamsFollowsItsEditAndEndsWhenDeleted() throws Exception {
        String id = unique("rest-live");
        assertEquals(201, admin("POST", "/api/cameras", demoCamera(id).toString()).statusCode());
        try (WsClient ws = WsClient.open(server(), id)) {
            ws.send(WsClient.action("start_stream"));
            ws.await("stream_started", ANSWER, m -> m.isStatus("stream_started"));
            ws.await("a frame", FIRST_FRAME, Message::isFrame);

            ObjectNode edited = demoCamera(id);
            ((ObjectNode) edited.get("options")).put("fps", "10");
            HttpResponse<String> put = admin("PUT", "/api/cameras/" + id, edited.toString());
            assertEquals(200, put.statusCode(), put.body());
            // The core restarts only this camera's session with the new configuration; the viewer
            // stays and is told: reconnecting, then resumed, then frames again, and no error.
            Message reconnecting = ws.await("status reconnecting after the edit", ANSWER,
                    m -> m.isStatus("reconnecting") || "error".equals(m.type()));
            assertTrue(reconnecting.isStatus("reconnecting"), reconnecting.toString());
            assertTrue(reconnecting.json().path("reason").asText().contains("changed"), reconnecting.toString());
            Message resumed = ws.await("status resumed after the edit", FIRST_FRAME,
                    m -> m.isStatus("resumed") || "error".equals(m.type()));
            assertTrue(resumed.isStatus("resumed"), resumed.toString());
            assertNotNull(ws.await("a frame after the edit", FIRST_FRAME, Message::isFrame));

            assertEquals(204, admin("DELETE", "/api/cameras/" + id, null).statusCode());
            Message removed = ws.await("error camera_removed", ANSWER, m -> m.isError("camera_removed"));
            assertTrue(removed.json().path("fatal").asBoolean(), removed.toString());
        }
    }

    @Test
    void aSnapshotOfTheDemoCameraIsAJpeg() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(server().uri("http", "/api/cameras/demo/snapshot"))
                .header("Cookie", UcvServer.SESSION_COOKIE + "=" + server().adminSession()).GET()
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<byte[]> r = server().http().send(get, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().length > 100);
        assertEquals(0xFF, r.body()[0] & 0xff);
        assertEquals(0xD8, r.body()[1] & 0xff);
        assertError(admin("GET", "/api/cameras/nope/snapshot", null), 404, "camera_not_found");
    }

    @Test
    void protocolsListTheInstalledPluginsWithCapabilities() throws Exception {
        JsonNode p = json(admin("GET", "/api/protocols", null));
        Map<String, JsonNode> byProtocol = new java.util.HashMap<>();
        for (JsonNode each : p.path("protocols")) {
            if (each.path("active").asBoolean()) {
                byProtocol.put(each.path("protocol").asText(), each);
            }
        }
        assertTrue(byProtocol.keySet().containsAll(List.of("demo", "rtsp", "http")), p.toString());
        assertEquals("org.ucv.protocol.demo", byProtocol.get("demo").path("bundle").asText());
        assertFalse(byProtocol.get("demo").path("version").asText().isEmpty());
        assertEquals("[]", byProtocol.get("demo").path("capabilities").toString());
        assertEquals("[\"snapshot\",\"test\"]", byProtocol.get("rtsp").path("capabilities").toString());
        assertEquals("[\"snapshot\",\"test\"]", byProtocol.get("http").path("capabilities").toString());
        assertTrue(p.path("discovery").isArray());
    }

    @Test
    void theOpenApiDocumentParsesAndListsTheApi() throws Exception {
        JsonNode doc = json(admin("GET", "/api/openapi.json", null));
        assertTrue(doc.path("openapi").asText().startsWith("3.0"), doc.path("openapi").toString());
        for (String path : List.of("/api/cameras", "/api/cameras/{id}", "/api/cameras/{id}/snapshot", "/api/login",
                "/api/streams", "/api/protocols", "/api/discovery")) {
            assertTrue(doc.path("paths").has(path), path);
        }
    }

    @Test
    void streamsListTheRunningSessions() throws Exception {
        try (WsClient ws = WsClient.open(server(), "demo")) {
            ws.send(WsClient.action("start_stream"));
            ws.await("a frame", FIRST_FRAME, Message::isFrame);
            JsonNode demo = Await.until("demo in GET /api/streams", ANSWER, () -> {
                for (JsonNode s : json(admin("GET", "/api/streams", null))) {
                    if (s.path("camera_id").asText().equals("demo")) {
                        return s;
                    }
                }
                return null;
            }, s -> s != null && s.path("viewers").asInt() >= 1);
            assertEquals("streaming", demo.path("state").asText(), demo.toString());
            assertTrue(demo.path("renditions").asInt() >= 1, demo.toString());
            assertTrue(demo.path("metrics").has("decoders_opened"), demo.toString());
        }
    }

    @Test
    void thePasswordOfACameraShowsUpNowhere() throws Exception {
        String secret = "S3cret-pw-" + UUID.randomUUID();
        String id = unique("rest-secret");
        List<String> seen = new ArrayList<>();
        // A closed port: test and snapshot fail, and their error texts come from the RTSP plugin.
        ObjectNode camera = JSON.createObjectNode().put("id", id).put("protocol", "rtsp")
                .put("url", "rtsp://127.0.0.1:9/stream").put("username", "viewer").put("password", secret);
        HttpResponse<String> created = admin("POST", "/api/cameras", camera.toString());
        assertEquals(201, created.statusCode(), created.body());
        seen.add(created.body());
        try {
            assertTrue(json(created).path("has_password").asBoolean());
            seen.add(admin("GET", "/api/cameras/" + id, null).body());
            seen.add(admin("GET", "/api/cameras", null).body());
            seen.add(admin("PATCH", "/api/cameras/" + id, "{\"name\":\"Secret camera\"}").body());
            HttpResponse<String> put = admin("PUT", "/api/cameras/" + id, camera.put("name", "Secret 2").without("password").toString());
            seen.add(put.body());
            assertTrue(json(put).path("has_password").asBoolean(), "a PUT without the password keeps it: " + put.body());
            HttpResponse<String> tested = admin("POST", "/api/cameras/" + id + "/test", null);
            seen.add(tested.body());
            assertEquals(502, tested.statusCode(), tested.body());
            seen.add(admin("POST", "/api/cameras/test", camera.put("password", secret).put("id", id + "-draft").toString()).body());
            seen.add(admin("GET", "/api/cameras/" + id + "/snapshot", null).body());
            seen.add(admin("GET", "/api/streams", null).body());
            seen.add(admin("POST", "/api/cameras", camera.put("id", "Bad Id").toString()).body());

            String session = server().adminSession();
            List<String> required = List.of("/system/console/configMgr", "/system/console/status-Configurations",
                    "/system/console/components");
            boolean listed = false;
            for (String page : List.of("/system/console/configMgr", "/system/console/status-Configurations",
                    "/system/console/status-Configurations.txt", "/system/console/status-Configurations.json",
                    "/system/console/components", "/metrics")) {
                HttpResponse<String> r = server().send("GET", page, null, session);
                if (required.contains(page) || r.statusCode() != 404) {
                    assertEquals(200, r.statusCode(), page + ": " + r.body().substring(0, Math.min(300, r.body().length())));
                }
                listed |= page.startsWith("/system/console/status-Configurations") && r.body().contains(id);
                seen.add(page + " " + r.body());
            }
            assertTrue(listed, "the console's configuration status lists camera " + id + " (else the search proves nothing)");
            String pid = cameraPid(id);
            HttpResponse<String> edit = server().send("GET", "/system/console/configMgr/" + pid, null, session);
            assertEquals(200, edit.statusCode(), "the console's edit page of " + pid);
            seen.add(edit.body());
        } finally {
            admin("DELETE", "/api/cameras/" + id, null);
        }
        for (String body : seen) {
            assertFalse(body.contains(secret), "the camera password in an answer: "
                    + body.substring(0, Math.min(500, body.length())));
        }
        assertFalse(Files.readString(server().log(), StandardCharsets.ISO_8859_1).contains(secret),
                "the camera password in the server log " + server().log());
    }

    /** @return the PID of the camera's configuration, as the registry logged it when it stored the camera */
    private static String cameraPid(String id) throws IOException {
        Matcher m = Pattern.compile("Camera '" + Pattern.quote(id) + "' created as configuration (\\S+):")
                .matcher(Files.readString(server().log(), StandardCharsets.ISO_8859_1));
        assertTrue(m.find(), "the registry logs the configuration of camera " + id);
        return m.group(1);
    }

    @Test
    void camerasSurviveARestartAndFileCamerasFollowTheirEditsAndDeletion() throws Exception {
        try (UcvServer own = UcvServer.copy("rest-restart", UcvExtension.testJavaHome(), path -> false)) {
            own.start();
            String session = own.adminSession();
            assertEquals(201, own.send("POST", "/api/cameras", demoCamera("kept").toString(), session).statusCode());
            Path file = own.home().resolve("load").resolve("org.ucv.camera-filecam.cfg");
            Files.writeString(file, "id=filecam\nname=From a file\nprotocol=demo\n", StandardCharsets.ISO_8859_1);
            Await.until("filecam from load/ in GET /api/cameras/filecam", FILE_CHANGE,
                    () -> own.send("GET", "/api/cameras/filecam", null, session).statusCode(), s -> s == 200);

            HttpResponse<String> patched = own.send("PATCH", "/api/cameras/filecam", "{\"name\":\"Edited by REST\"}", session);
            assertEquals(200, patched.statusCode(), patched.body());
            Await.until("FileInstall writes the edit back into " + file, FILE_CHANGE,
                    () -> Files.readString(file, StandardCharsets.ISO_8859_1), t -> t.contains("Edited by REST"));

            Path other = own.home().resolve("load").resolve("org.ucv.camera-gone.cfg");
            Files.writeString(other, "id=gone\nprotocol=demo\n", StandardCharsets.ISO_8859_1);
            Await.until("gone from load/", FILE_CHANGE,
                    () -> own.send("GET", "/api/cameras/gone", null, session).statusCode(), s -> s == 200);
            assertEquals(204, own.send("DELETE", "/api/cameras/gone", null, session).statusCode());
            Await.until(other + " deleted with its camera", FILE_CHANGE, () -> Files.exists(other), e -> !e);

            own.close();
            own.start();
            String again = own.adminSession();
            JsonNode kept = JSON.readTree(own.send("GET", "/api/cameras/kept", null, again).body());
            assertEquals("5", kept.path("options").path("fps").asText(), kept.toString());
            JsonNode edited = JSON.readTree(own.send("GET", "/api/cameras/filecam", null, again).body());
            assertEquals("Edited by REST", edited.path("name").asText(), edited.toString());
            assertEquals(404, own.send("GET", "/api/cameras/gone", null, again).statusCode(), "a deleted file camera stays deleted");
        }
    }
}
