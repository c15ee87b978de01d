package org.ucv.web.ws.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Records what a connection sends; a send completes only when the test says so. */
final class FakeOutbound implements Outbound {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message: text, or a binary message whose JSON header is parsed into {@code json}. */
    record Sent(JsonNode json, ByteBuffer binary, Runnable done) {
        String type() {
            return json.get("type").asText();
        }

        String status() {
            return json.path("status").asText(null);
        }
    }

    final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized void sendText(String text, Runnable done) {
        sent.add(new Sent(parse(text), null, done));
    }

    @Override
    public synchronized void sendBinary(ByteBuffer message, Runnable done) {
        ByteBuffer copy = message.duplicate();
        int n = copy.getInt();
        byte[] header = new byte[n];
        copy.get(header);
        sent.add(new Sent(parse(new String(header, StandardCharsets.UTF_8)), message, done));
    }

    synchronized List<Sent> all() {
        return List.copyOf(sent);
    }

    synchronized Sent last() {
        return sent.get(sent.size() - 1);
    }

    synchronized List<Sent> ofType(String type) {
        return sent.stream().filter(s -> s.type().equals(type)).toList();
    }

    synchronized void clear() {
        sent.clear();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("the server sent invalid JSON: " + text, e);
        }
    }
}
