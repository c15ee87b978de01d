package org.ucv.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ucv.api.auth.Role;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.VideoFrame;
import org.ucv.web.ws.internal.FakeAuthService;
import org.ucv.web.ws.internal.FakeStreamService;
import org.ucv.web.ws.internal.ServerMessagesTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The servlet on a real Jetty 12 (the version inside Felix's bundle), with the JDK's client. */
class StreamSocketServletTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_S = 10;
    /** Short, so that an ended login shows at once; the real one is 15 s. */
    private static final Duration LOGIN_CHECK = Duration.ofMillis(50);

    private final FakeStreamService streams = new FakeStreamService("demo");
    /** Anonymous viewers on, so that the protocol tests need no login; the auth tests turn it off. */
    private final FakeAuthService auth = new FakeAuthService();
    private StreamSocketServlet servlet;
    private Server server;
    private int port;

    @BeforeEach
    void startJetty() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JettyWebSocketServletContainerInitializer.configure(context, null);
        auth.anonymous = true;
        servlet = new StreamSocketServlet(streams, auth, LOGIN_CHECK);
        context.addServlet(new ServletHolder(servlet), "/ws/stream/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stopJetty() throws Exception {
        server.stop();
        servlet.deactivate();
    }

    @Test
    void streamsFramesToACameraNamedByThePath() throws Exception {
        Client client = connect("demo");
        assertEquals("connection", client.next().get("type").asText());
        client.send("{\"action\":\"start_stream\",\"params\":{\"fps\":10}}");
        JsonNode started = client.next();
        assertEquals("stream_started", started.get("status").asText());
        assertEquals("demo", started.get("camera_id").asText());

        CompletableFuture<Void> written = new CompletableFuture<>();
        streams.last().viewer.deliver(ServerMessagesTest.frame(), () -> written.complete(null));
        JsonNode frame = client.next();
        assertEquals("frame", frame.get("type").asText());
        assertEquals(1, frame.get("frame_number").asInt());
        written.get(TIMEOUT_S, TimeUnit.SECONDS);

        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT_S, TimeUnit.SECONDS);
        waitUntil(() -> streams.last().closed, "closing the socket closes the viewer session");
    }

    @Test
    void unknownCameraKeepsTheSocketOpen() throws Exception {
        Client client = connect("nope");
        assertEquals("connection", client.next().get("type").asText());
        assertEquals("camera_not_found", client.next().get("code").asText());
        client.send("{\"action\":\"ping\",\"params\":{\"client_time\":1}}");
        assertEquals("pong", client.next().get("type").asText());
        assertFalse(client.closeCode.isDone());
    }

    @Test
    void deactivateClosesOpenSocketsWith1001() throws Exception {
        Client client = connect("demo");
        client.next();
        client.send("{\"action\":\"start_stream\"}");
        client.next();
        servlet.deactivate();
        assertEquals(1001, client.closeCode.get(TIMEOUT_S, TimeUnit.SECONDS));
        assertTrue(streams.last().closed);
    }

    @Test
    void permessageDeflateIsNotNegotiated() throws Exception {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_S));
            OutputStream out = s.getOutputStream();
            out.write(("GET /ws/stream/demo HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line.toLowerCase());
            }
            assertTrue(head.get(0).contains(" 101 "), head.toString());
            assertTrue(head.stream().noneMatch(h -> h.startsWith("sec-websocket-extensions")), head.toString());
        }
    }

    @Test
    void aTooLargeMessageIsAnsweredOnTheOpenSocket() throws Exception {
        Client client = connect("demo");
        client.next();
        client.send("{\"action\":\"ping\",\"pad\":\"" + "x".repeat(200_000) + "\"}");
        JsonNode error = client.next();
        assertEquals("invalid_params", error.get("code").asText());
        assertTrue(error.get("error").asText().startsWith("message too large"), error.toString());
        client.send("{\"action\":\"ping\",\"params\":{\"client_time\":2}}");
        assertEquals("pong", client.next().get("type").asText());
        assertFalse(client.closeCode.isDone());
    }

    @Test
    void aClientThatFloodsPingsWithoutReadingGetsABoundedQueueAndKeepsItsSocket() throws Exception {
        try (RawClient raw = new RawClient(port, "/ws/stream/demo")) {
            raw.sendText("{\"action\":\"start_stream\",\"params\":{\"transport\":\"binary\"}}");
            while (!raw.readText().contains("\"stream_started\"")) {
                // skips the connection message
            }
            FakeStreamService.FakeSession session = streams.last();
            // Far more than the socket buffers hold: its write stalls, as nothing is read from now on.
            CompletableFuture<Void> big = new CompletableFuture<>();
            session.viewer.deliver(frame(new byte[12 * 1024 * 1024]), () -> big.complete(null));
            int pings = 4 * StreamSocketServlet.MAX_QUEUED_FRAMES;
            for (int i = 0; i < pings; i++) {
                raw.sendText("{\"action\":\"ping\",\"params\":{\"client_time\":" + i + "}}");
            }
            // Messages are handled in order: once this update arrives, every ping was answered or refused.
            raw.sendText("{\"action\":\"update_fps\",\"params\":{\"fps\":3}}");
            waitUntil(() -> session.request().fps() == 3, "the server handled the pings");

            CompletableFuture<Void> refused = new CompletableFuture<>();
            session.viewer.deliver(ServerMessagesTest.frame(), () -> refused.complete(null));
            refused.get(TIMEOUT_S, TimeUnit.SECONDS);
            assertFalse(big.isDone(), "nothing was written meanwhile, so the frame was refused, not sent");

            BlockingQueue<String> texts = raw.readInBackground();
            String probe = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (probe == null && System.nanoTime() < end) {
                raw.sendText("{\"action\":\"ping\",\"params\":{\"client_time\":\"probe\"}}");
                probe = pollFor(texts, "\"probe\"", 200);
            }
            assertNotNull(probe, "the socket still answers once the client reads");
            big.get(TIMEOUT_S, TimeUnit.SECONDS);
            long pongs = raw.seen.stream().filter(t -> t.contains("\"pong\"") && !t.contains("\"probe\"")).count();
            assertTrue(pongs > 0 && pongs <= StreamSocketServlet.MAX_QUEUED_FRAMES, pongs + " of " + pings + " pongs queued");
            assertFalse(raw.closed, "the server did not close the socket");
        }
    }

    @Test
    void withoutLoginTheSocketSaysUnauthorizedAndClosesWith1008() throws Exception {
        auth.anonymous = false;
        Client client = connect("demo");
        JsonNode connection = client.next();
        assertEquals("connection", connection.get("type").asText());
        assertEquals("connected", connection.get("status").asText());
        JsonNode error = client.next();
        assertEquals("error", error.get("type").asText());
        assertEquals("unauthorized", error.get("code").asText());
        assertTrue(error.get("fatal").asBoolean());
        assertEquals("demo", error.get("camera_id").asText());
        assertTrue(error.get("error").asText().startsWith("log in first: "), error.toString());
        assertEquals(1008, client.closeCode.get(TIMEOUT_S, TimeUnit.SECONDS));
        assertTrue(streams.sessions.isEmpty(), "no stream was opened");
    }

    @Test
    void aSessionCookieLogsTheSocketIn() throws Exception {
        auth.anonymous = false;
        auth.session("s1", "ann", Role.VIEWER);
        Client client = connectTo("/ws/stream/demo", "Cookie", "ucv_session=s1");
        assertEquals("connection", client.next().get("type").asText());
        client.send("{\"action\":\"start_stream\"}");
        assertEquals("stream_started", client.next().get("status").asText());
    }

    @Test
    void aBearerTokenLogsTheSocketIn() throws Exception {
        auth.anonymous = false;
        auth.session("s2", "admin", Role.ADMIN);
        Client client = connectTo("/ws/stream/demo", "Authorization", "Bearer s2");
        assertEquals("connection", client.next().get("type").asText());
        client.send("{\"action\":\"ping\"}");
        assertEquals("pong", client.next().get("type").asText());
    }

    @Test
    void aWsTokenWorksOnceThenTheSocketIsRefused() throws Exception {
        auth.anonymous = false;
        auth.token("t1", "ann", Role.VIEWER);
        Client first = connectTo("/ws/stream/demo?token=t1");
        assertEquals("connection", first.next().get("type").asText());
        first.send("{\"action\":\"ping\"}");
        assertEquals("pong", first.next().get("type").asText());

        Client second = connectTo("/ws/stream/demo?token=t1");
        assertEquals("connection", second.next().get("type").asText());
        JsonNode error = second.next();
        assertEquals("unauthorized", error.get("code").asText());
        assertTrue(error.get("error").asText().contains("not valid"), error.toString());
        assertEquals(1008, second.closeCode.get(TIMEOUT_S, TimeUnit.SECONDS));
    }

    @Test
    void aSocketWhoseSessionEndsIsToldUnauthorizedAndClosedWith1008() throws Exception {
        auth.anonymous = false;
        auth.session("s3", "ann", Role.VIEWER);
        Client client = connectTo("/ws/stream/demo", "Cookie", "ucv_session=s3");
        assertEquals("connection", client.next().get("type").asText());
        client.send("{\"action\":\"start_stream\"}");
        assertEquals("stream_started", client.next().get("status").asText());

        auth.logout("s3");
        JsonNode error = client.next();
        assertEquals("error", error.get("type").asText());
        assertEquals("unauthorized", error.get("code").asText());
        assertTrue(error.get("fatal").asBoolean());
        assertEquals("camera demo: your session ended (logged out, expired, or the password changed); log in again",
                error.get("error").asText());
        assertEquals(1008, client.closeCode.get(TIMEOUT_S, TimeUnit.SECONDS));
        assertTrue(streams.last().closed, "the viewer's stream was released");
    }

    @Test
    void aSocketOpenedWithATokenEndsWithTheSessionTheTokenCameFrom() throws Exception {
        auth.anonymous = false;
        auth.token("t3", "ann", Role.VIEWER);
        Client client = connectTo("/ws/stream/demo?token=t3");
        assertEquals("connection", client.next().get("type").asText());
        auth.logout(FakeAuthService.sessionOf("t3"));
        assertEquals("unauthorized", client.next().get("code").asText());
        assertEquals(1008, client.closeCode.get(TIMEOUT_S, TimeUnit.SECONDS));
    }

    @Test
    void aLiveSessionKeepsStreaming() throws Exception {
        auth.anonymous = false;
        auth.session("s4", "ann", Role.VIEWER);
        Client client = connectTo("/ws/stream/demo", "Authorization", "Bearer s4");
        client.next();
        client.send("{\"action\":\"start_stream\"}");
        assertEquals("stream_started", client.next().get("status").asText());
        // Many check intervals pass: frames still arrive and the socket stays open.
        for (int i = 0; i < 5; i++) {
            CompletableFuture<Void> written = new CompletableFuture<>();
            streams.last().viewer.deliver(ServerMessagesTest.frame(), () -> written.complete(null));
            assertEquals("frame", client.next().get("type").asText());
            written.get(TIMEOUT_S, TimeUnit.SECONDS);
            client.send("{\"action\":\"ping\"}");
            assertEquals("pong", client.next().get("type").asText());
        }
        assertFalse(client.closeCode.isDone());
        assertFalse(streams.last().closed);
    }

    @Test
    void theLoginCheckThreadRunsOnlyWhileASocketIsOpen() throws Exception {
        Client client = connect("demo");
        client.next();
        waitUntil(() -> loginCheckThreads() == 1, "one check thread while a socket is open");
        Client second = connect("demo");
        second.next();
        assertEquals(1, loginCheckThreads(), "one thread for all sockets");
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT_S, TimeUnit.SECONDS);
        second.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT_S, TimeUnit.SECONDS);
        waitUntil(() -> loginCheckThreads() == 0, "no check thread once no socket is open");
    }

    private static long loginCheckThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("ucv-ws-login-check")).count();
    }

    @Test
    void anonymousSocketsEndWhenAnonymousViewingIsTurnedOff() throws Exception {
        Client client = connect("demo");
        client.next();
        client.send("{\"action\":\"start_stream\"}");
        assertEquals("stream_started", client.next().get("status").asText());
        auth.anonymous = false;
        JsonNode error = client.next();
        assertEquals("unauthorized", error.get("code").asText());
        assertTrue(error.get("fatal").asBoolean());
        assertTrue(error.get("error").asText().contains("anonymous viewing was turned off"), error.toString());
        assertEquals(1008, client.closeCode.get(TIMEOUT_S, TimeUnit.SECONDS));
        assertTrue(streams.last().closed);
    }

    @Test
    void aForeignOriginIsRefusedWith403BeforeTheTokenIsUsed() throws Exception {
        auth.token("t2", "ann", Role.VIEWER);
        String head = rawUpgrade("/ws/stream/demo?token=t2", "Origin: http://evil.example\r\n");
        assertTrue(head.startsWith("HTTP/1.1 403"), head);
        assertTrue(auth.tokens.containsKey("t2"), "the token is still unused");
        assertEquals(List.of("http://evil.example http localhost:" + port), auth.originsAsked);
    }

    @Test
    void theSameOriginIsAllowed() throws Exception {
        String head = rawUpgrade("/ws/stream/demo", "Origin: http://localhost:" + port + "\r\n");
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
    }

    /** @return the status line and headers of the answer to an upgrade with the extra header lines */
    private String rawUpgrade(String path, String extraHeaders) throws Exception {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_S));
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line).append('\n');
            }
            return head.toString();
        }
    }

    @Test
    void cameraIdIsThePathAfterTheEndpoint() {
        assertEquals("demo", StreamSocketServlet.cameraId("/demo"));
        assertEquals("", StreamSocketServlet.cameraId(null));
        assertEquals("", StreamSocketServlet.cameraId("/"));
    }

    private Client connect(String cameraId) throws Exception {
        return connectTo("/ws/stream/" + cameraId, new String[0]);
    }

    /** @param headers header names and values, alternating */
    private Client connectTo(String pathAndQuery, String... headers) throws Exception {
        Client client = new Client();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        client.socket = builder.buildAsync(URI.create("ws://localhost:" + port + pathAndQuery), client)
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        return client;
    }

    private static String pollFor(BlockingQueue<String> texts, String part, long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (String t = texts.poll(millis, TimeUnit.MILLISECONDS); t != null;
             t = texts.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            if (t.contains(part)) {
                return t;
            }
        }
        return null;
    }

    private static VideoFrame frame(byte[] data) {
        return new VideoFrame(data, "jpeg", 1920, 1080, Quality.HIGH, 0, 0, 1);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Collects whole text messages and the close code. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        void send(String text) throws Exception {
            socket.sendText(text, true).get(TIMEOUT_S, TimeUnit.SECONDS);
        }

        JsonNode next() throws Exception {
            String text = texts.poll(TIMEOUT_S, TimeUnit.SECONDS);
            assertNotNull(text, "no message within " + TIMEOUT_S + " s");
            return JSON.readTree(text);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }
    }

    /**
     * A WebSocket client on a plain socket, so the test decides when bytes are read: the JDK's
     * client reads ahead on its own. Its receive buffer is small, so the server's writes stall soon.
     */
    private static final class RawClient implements AutoCloseable {
        final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean closed;
        private final Socket socket = new Socket();
        private final DataInputStream in;
        private final OutputStream out;
        private Thread reader;

        RawClient(int port, String path) throws Exception {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("localhost", port));
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_S));
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            assertTrue(head.toString().contains(" 101 "), head.toString());
        }

        /** One masked text frame (mask 0, which leaves the payload as it is). */
        synchronized void sendText(String text) throws Exception {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else {
                frame.write(0x80 | 126);
                frame.write(payload.length >> 8);
                frame.write(payload.length);
            }
            frame.write(new byte[4]);
            frame.write(payload);
            out.write(frame.toByteArray());
            out.flush();
        }

        /** @return the next whole text message; binary messages are skipped */
        String readText() throws Exception {
            while (true) {
                int opcode = 0;
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                boolean fin = false;
                while (!fin) {
                    int b0 = in.readUnsignedByte();
                    fin = (b0 & 0x80) != 0;
                    if ((b0 & 0x0f) != 0) {
                        opcode = b0 & 0x0f;
                    }
                    long len = in.readUnsignedByte() & 0x7f;
                    if (len == 126) {
                        len = in.readUnsignedShort();
                    } else if (len == 127) {
                        len = in.readLong();
                    }
                    byte[] payload = new byte[(int) len];
                    in.readFully(payload);
                    message.write(payload);
                }
                if (opcode == 8) {
                    closed = true;
                    throw new java.io.EOFException("the server closed the socket: " + message);
                }
                if (opcode == 1) {
                    String text = message.toString(StandardCharsets.UTF_8);
                    seen.add(text);
                    return text;
                }
            }
        }

        /** Reads from now on, on its own thread; text messages go to the queue. */
        BlockingQueue<String> readInBackground() {
            BlockingQueue<String> texts = new LinkedBlockingQueue<>();
            reader = new Thread(() -> {
                try {
                    while (true) {
                        texts.add(readText());
                    }
                } catch (Exception e) {
                    // the socket closed: the test's close() or the server's close frame (recorded)
                }
            }, "ucv-test-raw-reader");
            reader.start();
            return texts;
        }

        @Override
        public void close() throws Exception {
            socket.close();
            if (reader != null) {
                reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
            }
        }
    }
}
