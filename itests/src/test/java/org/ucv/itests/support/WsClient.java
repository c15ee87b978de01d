package org.ucv.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket viewer on {@code /ws/stream/{cameraId}} built on the JDK's client; it queues what the server sends. */
public final class WsClient implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private WsClient(UcvServer server, String pathAndQuery, Map<String, String> headers) {
        try {
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
            headers.forEach(builder::header);
            socket = builder.buildAsync(server.uri("ws", pathAndQuery), new Collector())
                    .get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot open a WebSocket to " + pathAndQuery + " on " + server.name() + ": "
                    + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError("cannot open a WebSocket to " + pathAndQuery + " on " + server.name(), e);
        }
    }

    /** Opens {@code /ws/stream/{cameraId}} logged in as the admin (session cookie). */
    public static WsClient open(UcvServer server, String cameraId) {
        return new WsClient(server, "/ws/stream/" + cameraId,
                Map.of("Cookie", UcvServer.SESSION_COOKIE + "=" + server.adminSession()));
    }

    /**
     * Opens a WebSocket with exactly the given headers (none added).
     *
     * @param pathAndQuery e.g. {@code /ws/stream/demo?token=abc}
     * @throws AssertionError when the upgrade fails; its cause is the client's exception
     *         ({@link java.net.http.WebSocketHandshakeException} carries the HTTP response)
     */
    public static WsClient open(UcvServer server, String pathAndQuery, Map<String, String> headers) {
        return new WsClient(server, pathAndQuery, headers);
    }

    /** A JSON object to send: {@code {"action": action, "params": {}}}. */
    public static ObjectNode action(String action) {
        ObjectNode message = JSON.createObjectNode().put("action", action);
        message.putObject("params");
        return message;
    }

    public void send(JsonNode message) {
        send(message.toString());
    }

    public void send(String text) {
        socket.sendText(text, true).toCompletableFuture().join();
    }

    /** @return the next message, failing after {@code timeout} */
    public Message next(Duration timeout) {
        try {
            Message message = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message from the server within " + timeout.toMillis() + " ms");
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Skips messages until one matches; fails after {@code timeout} naming {@code what} and what was skipped. */
    public Message await(String what, Duration timeout, Predicate<Message> wanted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            Message message;
            try {
                message = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (message == null) {
                throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms; skipped "
                        + skipped.size() + " messages, the last ones: "
                        + skipped.subList(Math.max(0, skipped.size() - 5), skipped.size()));
            }
            if (wanted.test(message)) {
                return message;
            }
            skipped.add(message.summary());
        }
    }

    /** @return every message received during {@code duration} */
    public List<Message> collect(Duration duration) {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        try {
            for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                Message message = inbox.poll(left, TimeUnit.NANOSECONDS);
                if (message != null) {
                    messages.add(message);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return messages;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        socket.abort();
    }

    /** One message from the server: a text JSON message, a binary frame, or the close of the socket. */
    public static final class Message {
        private final JsonNode json;
        private final byte[] jpeg;
        private final boolean binary;
        private final String problem;

        private Message(JsonNode json, byte[] jpeg, boolean binary, String problem) {
            this.json = json;
            this.jpeg = jpeg;
            this.binary = binary;
            this.problem = problem;
        }

        static Message text(String text) {
            try {
                JsonNode json = JSON.readTree(text);
                JsonNode data = json.path("data");
                byte[] jpeg = data.isTextual() ? Base64.getDecoder().decode(data.asText()) : null;
                return new Message(json, jpeg, false, null);
            } catch (IOException | IllegalArgumentException e) {
                return new Message(null, null, false, "unreadable text message (" + e.getMessage() + "): "
                        + text.substring(0, Math.min(200, text.length())));
            }
        }

        /** Binary transport: 4-byte big-endian length N, N bytes of UTF-8 JSON, then the JPEG. */
        static Message binary(byte[] bytes) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            if (bytes.length < 4) {
                return new Message(null, null, true, "binary message of " + bytes.length + " bytes");
            }
            int length = buffer.getInt();
            if (length < 0 || length > 65_536 || length > bytes.length - 4) {
                return new Message(null, null, true, "binary message of " + bytes.length
                        + " bytes declares a JSON header of " + length + " bytes");
            }
            try {
                JsonNode json = JSON.readTree(new String(bytes, 4, length, StandardCharsets.UTF_8));
                return new Message(json, Arrays.copyOfRange(bytes, 4 + length, bytes.length), true, null);
            } catch (IOException e) {
                return new Message(null, null, true, "binary message with unreadable JSON header: " + e.getMessage());
            }
        }

        static Message closed(int code, String reason) {
            return new Message(null, null, false, "socket closed by the server: " + code + " " + reason);
        }

        /** @return the JSON (the header of a binary frame); fails when the message was not readable JSON */
        public JsonNode json() {
            if (json == null) {
                throw new AssertionError(problem);
            }
            return json;
        }

        public String type() {
            return json == null ? null : json.path("type").asText(null);
        }

        public boolean isFrame() {
            return "frame".equals(type());
        }

        public boolean isStatus(String status) {
            return "status".equals(type()) && status.equals(json.path("status").asText());
        }

        public boolean isError(String code) {
            return "error".equals(type()) && code.equals(json.path("code").asText());
        }

        /** @return the frame's JPEG: decoded {@code data} in JSON transport, the tail in binary transport */
        public byte[] jpeg() {
            if (jpeg == null) {
                throw new AssertionError("no JPEG in " + summary());
            }
            return jpeg;
        }

        public boolean isBinary() {
            return binary;
        }

        String summary() {
            if (json == null) {
                return problem;
            }
            if (isFrame()) {
                return "frame " + json.path("frame_number").asText();
            }
            String text = json.toString();
            return text.length() > 300 ? text.substring(0, 300) + "..." : text;
        }

        @Override
        public String toString() {
            return summary();
        }
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                inbox.add(Message.text(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            bytes.writeBytes(part);
            if (last) {
                inbox.add(Message.binary(bytes.toByteArray()));
                bytes.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            inbox.add(Message.closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            inbox.add(new Message(null, null, false, "socket error: " + error));
        }
    }
}
