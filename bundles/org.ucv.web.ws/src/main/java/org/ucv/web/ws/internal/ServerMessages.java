package org.ucv.web.ws.internal;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.ucv.api.metrics.ViewerMetrics;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.VideoFrame;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds every server message of one socket (docs/protocol.md). Each carries {@code type},
 * {@code camera_id} and {@code timestamp}. Thread-safe.
 */
public final class ServerMessages {
    /** Millisecond precision and a literal Z: without the Z a browser reads the time as local. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** The protocol's cap on a binary frame's JSON header. */
    public static final int MAX_BINARY_HEADER = 65_536;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String cameraId;
    private final Clock clock;
    private final Base64Cache base64;

    /**
     * @param cameraId the socket's camera id, as requested (it may be unknown)
     * @param clock the time source of {@code timestamp} and {@code server_time}
     * @param base64 the endpoint's shared base64 text of recent images
     */
    public ServerMessages(String cameraId, Clock clock, Base64Cache base64) {
        this.cameraId = cameraId;
        this.clock = clock;
        this.base64 = base64;
    }

    /** @return the ISO-8601 UTC form with milliseconds and Z, e.g. {@code 2025-07-17T19:43:19.123Z} */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    public String connection(String clientId) {
        ObjectNode m = base("connection");
        m.put("status", "connected");
        m.put("client_id", clientId);
        m.put("server_time", m.get("timestamp").asText());
        return write(m);
    }

    /** A status without extra fields ({@code stream_stopped}, {@code not_streaming}, {@code resumed}, ...). */
    public String status(String status, String message) {
        return write(statusNode(status, message));
    }

    /** {@code stream_started} or {@code already_streaming} with the effective values. */
    public String streamStatus(String status, String message, ViewerRequest effective, Transport transport) {
        ObjectNode m = statusNode(status, message);
        m.put("quality", effective.quality().wire());
        m.put("fps", effective.fps());
        m.put("format", effective.format());
        m.put("transport", transport.wire());
        m.put("max_width", effective.maxWidth());
        return write(m);
    }

    public String qualityUpdated(String message, String quality) {
        ObjectNode m = statusNode("quality_updated", message);
        m.put("quality", quality);
        return write(m);
    }

    public String fpsUpdated(String message, int fps) {
        ObjectNode m = statusNode("fps_updated", message);
        m.put("fps", fps);
        return write(m);
    }

    public String reconnecting(String message, int attempt, long retryInMs, String reason) {
        ObjectNode m = statusNode("reconnecting", message);
        m.put("attempt", attempt);
        m.put("retry_in_ms", retryInMs);
        m.put("reason", reason);
        return write(m);
    }

    public String error(ErrorCode code, String text, boolean fatal) {
        return write(errorNode(code, text, fatal));
    }

    /** An {@code invalid_params} error that also names the offending parameter in {@code field}. */
    public String invalidParams(String text, String field) {
        ObjectNode m = errorNode(ErrorCode.INVALID_PARAMS, text, false);
        m.put("field", field);
        return write(m);
    }

    public String pong(JsonNode clientTime) {
        ObjectNode m = base("pong");
        m.set("client_time", clientTime);
        m.put("server_time", m.get("timestamp").asText());
        return write(m);
    }

    /**
     * @param frame the frame
     * @param info this viewer's counters and figures for it
     * @return the {@code frame} text message with the image as base64 {@code data}, the last field
     */
    public String frameJson(VideoFrame frame, FrameInfo info) {
        String fields = write(frameNode(frame, info));
        // Splices the shared text in after this viewer's own fields: these are the bytes Jackson
        // writes for the whole tree (base64 needs no escaping), without encoding the image again.
        return fields.substring(0, fields.length() - 1) + ",\"data\":\"" + base64.encode(frame.data()) + "\"}";
    }

    /**
     * @param frame the frame
     * @param info this viewer's counters and figures for it
     * @return one binary message: 4-byte big-endian length N, N bytes of UTF-8 JSON (the frame
     *         message without {@code data}), then the image bytes
     */
    public ByteBuffer frameBinary(VideoFrame frame, FrameInfo info) {
        byte[] header = writeBytes(frameNode(frame, info));
        if (header.length > MAX_BINARY_HEADER) {
            throw new IllegalStateException("binary frame header of camera " + cameraId + " is "
                    + header.length + " bytes, more than " + MAX_BINARY_HEADER);
        }
        // One copy of the image per viewer. Sending header and image as two partial frames would
        // avoid it, but Jetty refuses each frame on its own once the socket's queue is full, and a
        // message cut after its first part breaks the WebSocket stream for good.
        byte[] image = frame.data();
        ByteBuffer message = ByteBuffer.allocate(4 + header.length + image.length);
        message.putInt(header.length).put(header).put(image).flip();
        return message;
    }

    private ObjectNode frameNode(VideoFrame frame, FrameInfo info) {
        ViewerMetrics vm = info.metrics();
        ObjectNode m = base("frame");
        m.put("capture_timestamp", timestamp(Instant.EPOCH.plus(frame.captureEpochMicros(), ChronoUnit.MICROS)));
        m.put("frame_number", info.frameNumber());
        ObjectNode metrics = m.putObject("metrics");
        metrics.put("fps", vm.fps());
        metrics.put("target_fps", info.targetFps());
        metrics.put("quality", frame.quality().wire());
        metrics.put("format", frame.format());
        metrics.put("frames_sent", info.frameNumber());
        metrics.put("uptime_seconds", vm.uptimeSeconds());
        metrics.put("avg_fps", vm.avgFps());
        metrics.put("health_score", vm.healthScore());
        metrics.put("latency_ms", vm.latencyMs());
        metrics.put("dropped_frames", vm.droppedFrames());
        metrics.put("width", frame.width());
        metrics.put("height", frame.height());
        metrics.put("bytes_per_second", vm.bytesPerSecond());
        return m;
    }

    private ObjectNode statusNode(String status, String message) {
        ObjectNode m = base("status");
        m.put("status", status);
        m.put("message", message);
        return m;
    }

    private ObjectNode errorNode(ErrorCode code, String text, boolean fatal) {
        ObjectNode m = base("error");
        m.put("error", text);
        m.put("code", code.wire());
        m.put("fatal", fatal);
        return m;
    }

    private ObjectNode base(String type) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("type", type);
        m.put("camera_id", cameraId);
        m.put("timestamp", timestamp(clock.instant()));
        return m;
    }

    private static String write(ObjectNode m) {
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private static byte[] writeBytes(ObjectNode m) {
        try {
            return MAPPER.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /**
     * What a frame message says about its viewer.
     *
     * @param frameNumber this viewer's frame count since its start_stream, this frame included
     * @param targetFps the fps the viewer asked for
     * @param metrics the viewer's figures now
     */
    public record FrameInfo(long frameNumber, int targetFps, ViewerMetrics metrics) {
    }
}
