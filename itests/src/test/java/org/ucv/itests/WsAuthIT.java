package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucv.itests.support.Await;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.UcvServer;
import org.ucv.itests.support.WsClient;
import org.ucv.itests.support.WsClient.Message;

/**
 * Login and Origin checks of /ws/stream/{cameraId} (docs/protocol.md "Authentication"): who may
 * open a socket, how a refused one is told, and anonymous viewing switched on and off at run time.
 */
class WsAuthIT {
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final Duration FIRST_FRAME = Duration.ofSeconds(30);
    /** FileInstall polls load/ every couple of seconds; ConfigAdmin and DS then reconfigure the auth service. */
    private static final Duration CONFIG_CHANGE = Duration.ofSeconds(30);
    /** Open sockets re-check their session every 15 s: a logged-out one ends within that, with margin. */
    private static final Duration SESSION_END = Duration.ofSeconds(30);

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.shared();

    private static UcvServer server() {
        return UCV.server();
    }

    @Test
    void withoutLoginTheSocketIsToldUnauthorizedAndClosedWith1008() {
        try (WsClient ws = WsClient.open(server(), "/ws/stream/demo", Map.of())) {
            assertRefused(ws, "log in first: watching cameras needs a login");
        }
    }

    @Test
    void anAdminSessionCookieWatches() {
        try (WsClient ws = WsClient.open(server(), "demo")) {
            assertFrames(ws);
        }
    }

    @Test
    void aViewerUserWatches() throws Exception {
        try (UcvServer.TestUser viewer = server().addUser("ws-viewer", "viewer")) {
            String session = viewer.login();
            try (WsClient ws = WsClient.open(server(), "/ws/stream/demo", Map.of("Cookie", UcvServer.SESSION_COOKIE + "=" + session))) {
                assertFrames(ws);
            }
            try (WsClient ws = WsClient.open(server(), "/ws/stream/demo", Map.of("Authorization", "Bearer " + session))) {
                assertFrames(ws);
            }
        }
    }

    @Test
    void aStreamingSocketEndsWhenItsSessionIsLoggedOut() throws Exception {
        try (UcvServer.TestUser viewer = server().addUser("ws-logout", "viewer")) {
            String session = viewer.login();
            try (WsClient ws = WsClient.open(server(), "/ws/stream/demo", Map.of("Cookie", UcvServer.SESSION_COOKIE + "=" + session))) {
                assertFrames(ws);
                HttpResponse<String> logout = server().send("POST", "/api/logout", null, session);
                assertEquals(204, logout.statusCode(), "POST /api/logout: " + logout.body());
                Message error = ws.await("error unauthorized after the logout", SESSION_END,
                        m -> "error".equals(m.type()) || m.toString().contains("closed by the server"));
                assertTrue(error.isError("unauthorized"), "unauthorized expected, got " + error);
                assertTrue(error.json().path("fatal").asBoolean(), error.toString());
                assertTrue(error.json().path("error").asText().startsWith("camera demo: your session ended"),
                        error.toString());
                Message closed = ws.await("the close", ANSWER, m -> m.toString().contains("closed by the server"));
                assertTrue(closed.toString().contains("closed by the server: 1008"), "close 1008 expected, got " + closed);
            }
        }
    }

    @Test
    void aWsTokenOpensOneSocketOnly() throws Exception {
        HttpResponse<String> issued = server().send("POST", "/api/ws-token", null, server().adminSession());
        assertEquals(200, issued.statusCode(), "POST /api/ws-token: " + issued.body());
        JsonNode body = WsClient.JSON.readTree(issued.body());
        String token = body.path("token").asText();
        assertFalse(token.isEmpty(), issued.body());
        assertTrue(body.path("expires_in_seconds").asInt() > 0, issued.body());

        try (WsClient ws = WsClient.open(server(), "/ws/stream/demo?token=" + token, Map.of())) {
            assertFrames(ws);
        }
        try (WsClient again = WsClient.open(server(), "/ws/stream/demo?token=" + token, Map.of())) {
            assertRefused(again, "log in first: the session or token is not valid");
        }
    }

    @Test
    void aForeignOriginIsRefusedWith403() throws Exception {
        String head = upgrade("/ws/stream/demo", "Origin: http://evil.example", "Cookie: ucv_session=" + server().adminSession());
        assertTrue(head.startsWith("HTTP/1.1 403"), "a cross-site upgrade, even with the cookie: " + head);
    }

    @Test
    void theSameOriginIsAllowed() throws Exception {
        String origin = "http://127.0.0.1:" + server().port();
        String head = upgrade("/ws/stream/demo", "Origin: " + origin, "Cookie: ucv_session=" + server().adminSession());
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        try (WsClient ws = WsClient.open(server(), "/ws/stream/demo",
                Map.of("Origin", origin, "Cookie", "ucv_session=" + server().adminSession()))) {
            assertFrames(ws);
        }
    }

    @Test
    void anonymousViewersWatchWithoutLoginWhileSwitchedOn() throws Exception {
        Path cfg = server().home().resolve("load").resolve("org.ucv.auth.cfg");
        String before = Files.exists(cfg) ? Files.readString(cfg) : null;
        try {
            StringBuilder text = new StringBuilder();
            if (before != null) {
                before.lines().filter(l -> !l.trim().startsWith("anonymous_viewers")).forEach(l -> text.append(l).append('\n'));
            }
            text.append("anonymous_viewers=true\n");
            write(cfg, text.toString());
            Await.until("an anonymous socket may stream once anonymous_viewers=true is loaded", CONFIG_CHANGE,
                    WsAuthIT::anonymousSocketAnswer, "stream_started"::equals);
            try (WsClient ws = WsClient.open(server(), "/ws/stream/demo", Map.of())) {
                assertFrames(ws);
            }
        } finally {
            if (before == null) {
                Files.deleteIfExists(cfg);
            } else {
                write(cfg, before);
            }
            Await.until("anonymous sockets refused again once the setting is gone", CONFIG_CHANGE,
                    WsAuthIT::anonymousSocketAnswer, "unauthorized"::equals);
        }
    }

    /**
     * @return how a socket without credentials fares: {@code stream_started}, {@code unauthorized},
     *         or what else happened (the endpoint may be re-registering while the auth service is
     *         reconfigured)
     */
    private static String anonymousSocketAnswer() {
        try (WsClient ws = WsClient.open(server(), "/ws/stream/demo", Map.of())) {
            Protocol.assertConnection(ws.next(ANSWER), "demo");
            ws.send(WsClient.action("start_stream"));
            Message answer = ws.await("stream_started or an error", ANSWER,
                    m -> m.isStatus("stream_started") || "error".equals(m.type()));
            return answer.isError("unauthorized") ? "unauthorized"
                    : answer.isStatus("stream_started") ? "stream_started" : answer.toString();
        } catch (AssertionError e) {
            return "failed: " + e.getMessage();
        }
    }

    private static void assertRefused(WsClient ws, String textStart) {
        Protocol.assertConnection(ws.next(ANSWER), "demo");
        Message error = ws.next(ANSWER);
        assertTrue(error.isError("unauthorized"), "unauthorized expected, got " + error);
        assertTrue(error.json().path("fatal").asBoolean(), error.toString());
        assertEquals("demo", error.json().path("camera_id").asText());
        assertTrue(error.json().path("error").asText().startsWith(textStart), error.toString());
        Message closed = ws.next(ANSWER);
        assertTrue(closed.toString().contains("closed by the server: 1008"), "close 1008 expected, got " + closed);
    }

    private static void assertFrames(WsClient ws) {
        Protocol.assertConnection(ws.next(ANSWER), "demo");
        ObjectNode start = WsClient.action("start_stream");
        start.with("params").put("quality", "low").put("fps", 5);
        ws.send(start);
        Message started = ws.next(ANSWER);
        assertTrue(started.isStatus("stream_started"), "stream_started expected, got " + started);
        ws.await("a frame", FIRST_FRAME, Message::isFrame);
    }

    /** @return the status line and headers answering a WebSocket upgrade with the extra header lines */
    private static String upgrade(String path, String... headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server().port())) {
            s.setSoTimeout((int) ANSWER.toMillis());
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server().port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n");
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            s.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line).append('\n');
            }
            return head.toString();
        }
    }

    /** Written outside load/ and moved in, so FileInstall never reads half a file. */
    private static void write(Path cfg, String text) throws IOException {
        Path temp = server().home().resolve("org.ucv.auth.cfg.tmp");
        Files.writeString(temp, text);
        Files.move(temp, cfg, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
