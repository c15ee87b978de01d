package org.ucv.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
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
import org.ucv.web.ws.internal.FakeStreamService;
import org.ucv.web.ws.internal.ServerMessagesTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The servlet on a real Jetty 12 (the version inside Felix's bundle), with the JDK's client. */
class StreamSocketServletTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_S = 10;

    private final FakeStreamService streams = new FakeStreamService("demo");
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
        servlet = new StreamSocketServlet(streams);
        context.addServlet(new ServletHolder(servlet), "/ws/stream/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stopJetty() throws Exception {
        server.stop();
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
    void cameraIdIsThePathAfterTheEndpoint() {
        assertEquals("demo", StreamSocketServlet.cameraId("/demo"));
        assertEquals("", StreamSocketServlet.cameraId(null));
        assertEquals("", StreamSocketServlet.cameraId("/"));
    }

    private Client connect(String cameraId) throws Exception {
        Client client = new Client();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/ws/stream/" + cameraId), client)
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        return client;
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
}
