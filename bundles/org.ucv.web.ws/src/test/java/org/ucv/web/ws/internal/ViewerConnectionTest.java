package org.ucv.web.ws.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.VideoFrame;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.web.ws.internal.FakeOutbound.Sent;
import org.ucv.web.ws.internal.FakeStreamService.FakeSession;

class ViewerConnectionTest {
    private final FakeStreamService streams = new FakeStreamService("demo");
    private final FakeOutbound out = new FakeOutbound();
    private final AtomicInteger done = new AtomicInteger();
    private final Base64Cache base64 = new Base64Cache();

    private ViewerConnection connect(String cameraId) {
        return connect(cameraId, out);
    }

    private ViewerConnection connect(String cameraId, Outbound to) {
        ViewerConnection c = new ViewerConnection(cameraId, streams, to, new ServerMessages(cameraId, Clock.systemUTC(), base64),
                new ClientMessageParser());
        c.open();
        return c;
    }

    private void deliver(ViewerConnection c) {
        c.deliver(ServerMessagesTest.frame(), done::incrementAndGet);
    }

    @Test
    void greetsWithAConnectionMessage() {
        ViewerConnection c = connect("demo");
        assertEquals(1, out.all().size());
        Sent m = out.last();
        assertEquals("connection", m.type());
        assertEquals("connected", m.status());
        assertTrue(m.json().get("client_id").asText().matches("client_[0-9a-f-]{36}"));
        assertEquals(c.clientId(), m.json().get("client_id").asText());
    }

    @Test
    void unknownCameraIsAnErrorOnAnOpenSocket() {
        ViewerConnection c = connect("nope");
        List<Sent> all = out.all();
        assertEquals(List.of("connection", "error"), all.stream().map(Sent::type).toList());
        assertEquals("camera_not_found", all.get(1).json().get("code").asText());
        assertFalse(all.get(1).json().get("fatal").asBoolean());

        c.onText("{\"action\":\"start_stream\"}");
        assertEquals("camera_not_found", out.last().json().get("code").asText());
        assertTrue(streams.sessions.isEmpty());
        c.onText("{\"action\":\"ping\"}");
        assertEquals("pong", out.last().type(), "the socket still answers");
    }

    @Test
    void startStreamWithDefaults() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        assertEquals(new ViewerRequest(Quality.MEDIUM, 15, "jpeg", 0), streams.last().request);
        Sent m = out.last();
        assertEquals("stream_started", m.status());
        assertEquals("medium", m.json().get("quality").asText());
        assertEquals(15, m.json().get("fps").asInt());
        assertEquals("jpeg", m.json().get("format").asText());
        assertEquals("json", m.json().get("transport").asText());
        assertEquals(0, m.json().get("max_width").asInt());
    }

    @Test
    void startStreamReportsEffectiveValues() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\",\"params\":{\"quality\":\"high\",\"fps\":30,\"max_width\":700}}");
        Sent m = out.last();
        assertEquals("stream_started", m.status());
        assertEquals("high", m.json().get("quality").asText());
        assertEquals(30, m.json().get("fps").asInt());
        assertEquals(640, m.json().get("max_width").asInt(), "the width the service snapped to");
    }

    @Test
    void startWhileStreamingAppliesNewParamsAndSaysAlreadyStreaming() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\",\"params\":{\"quality\":\"low\"}}");
        c.onText("{\"action\":\"start_stream\",\"params\":{\"fps\":5,\"transport\":\"binary\"}}");
        assertEquals(1, streams.sessions.size(), "one subscription, updated");
        FakeSession s = streams.last();
        assertEquals(List.of(new ViewerRequest(Quality.LOW, 5, "jpeg", 0)), s.updates);
        Sent m = out.last();
        assertEquals("already_streaming", m.status());
        assertEquals("low", m.json().get("quality").asText());
        assertEquals(5, m.json().get("fps").asInt());
        assertEquals("binary", m.json().get("transport").asText());

        deliver(c);
        assertTrue(out.last().binary() != null, "the new transport applies to the next frame");
    }

    @Test
    void framesCarryTheViewersCountAndCompleteWhenWritten() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        deliver(c);
        deliver(c);
        List<Sent> frames = out.ofType("frame");
        assertEquals(2, frames.size());
        assertEquals(1, frames.get(0).json().get("frame_number").asLong());
        assertEquals(2, frames.get(1).json().get("frame_number").asLong());
        assertEquals(2, frames.get(1).json().get("metrics").get("frames_sent").asLong());
        assertEquals(0, done.get(), "done waits for the socket");
        frames.get(0).done().run();
        assertEquals(1, done.get());
    }

    @Test
    void binaryTransportSendsLengthHeaderAndJpeg() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\",\"params\":{\"transport\":\"binary\"}}");
        deliver(c);
        Sent m = out.last();
        assertEquals("frame", m.type());
        assertFalse(m.json().has("data"));
        ByteBuffer b = m.binary().duplicate();
        int n = b.getInt();
        b.position(4 + n);
        byte[] jpeg = new byte[b.remaining()];
        b.get(jpeg);
        assertArrayEquals(ServerMessagesTest.frame().data(), jpeg);
    }

    @Test
    void stopSaysStoppedClosesTheSessionAndNoFrameFollows() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        c.onText("{\"action\":\"stop_stream\"}");
        assertEquals("stream_stopped", out.last().status());
        assertTrue(streams.last().closed);
        int before = out.all().size();
        deliver(c);
        assertEquals(before, out.all().size());
        assertEquals(1, done.get(), "a frame that is not sent is done at once");

        c.onText("{\"action\":\"stop_stream\"}");
        assertEquals("not_streaming", out.last().status());
    }

    @Test
    void aFrameInFlightWhenStopArrivesIsNotSentAfterStreamStopped() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        // The stop lands while deliver() works outside its lock, after it read the running stream.
        streams.last().duringMetrics = () -> c.onText("{\"action\":\"stop_stream\"}");
        deliver(c);
        List<Sent> all = out.all();
        assertEquals("stream_stopped", all.get(all.size() - 1).status());
        assertTrue(out.ofType("frame").isEmpty());
        assertEquals(1, done.get());
    }

    @Test
    void frameNumbersRestartWithANewStart() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        deliver(c);
        deliver(c);
        c.onText("{\"action\":\"stop_stream\"}");
        c.onText("{\"action\":\"start_stream\"}");
        out.clear();
        deliver(c);
        assertEquals(1, out.last().json().get("frame_number").asLong());
    }

    @Test
    void updatesWhileIdleAreKeptForTheNextStart() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"update_quality\",\"params\":{\"quality\":\"high\"}}");
        assertEquals("quality_updated", out.last().status());
        c.onText("{\"action\":\"update_fps\",\"params\":{\"fps\":25}}");
        assertEquals("fps_updated", out.last().status());
        assertTrue(streams.sessions.isEmpty(), "an update does not start a stream");
        c.onText("{\"action\":\"start_stream\"}");
        assertEquals(new ViewerRequest(Quality.HIGH, 25, "jpeg", 0), streams.last().request);

        c.onText("{\"action\":\"stop_stream\"}");
        c.onText("{\"action\":\"start_stream\",\"params\":{\"quality\":\"low\"}}");
        assertEquals(new ViewerRequest(Quality.LOW, 25, "jpeg", 0), streams.last().request);
    }

    @Test
    void updatesWhileStreamingChangeTheRunningStream() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        c.onText("{\"action\":\"update_quality\",\"params\":{\"quality\":\"low\"}}");
        c.onText("{\"action\":\"update_fps\",\"params\":{\"fps\":2}}");
        assertEquals(new ViewerRequest(Quality.LOW, 2, "jpeg", 0), streams.last().request);
        assertEquals("fps_updated", out.last().status());
        assertEquals(2, out.last().json().get("fps").asInt());
    }

    @Test
    void invalidParamsLeaveTheStreamAsItWas() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\",\"params\":{\"fps\":20}}");
        c.onText("{\"action\":\"update_fps\",\"params\":{\"fps\":0}}");
        c.onText("{\"action\":\"start_stream\",\"params\":{\"quality\":\"high\",\"fps\":500}}");
        Sent m = out.last();
        assertEquals("error", m.type());
        assertEquals("invalid_params", m.json().get("code").asText());
        assertEquals("fps", m.json().get("field").asText());
        assertTrue(streams.last().updates.isEmpty());
        assertEquals(new ViewerRequest(Quality.MEDIUM, 20, "jpeg", 0), streams.last().request);
        deliver(c);
        assertEquals("frame", out.last().type(), "still streaming");
    }

    @Test
    void badMessagesGetTheirCodes() {
        ViewerConnection c = connect("demo");
        c.onText("{oops");
        assertEquals("invalid_json", out.last().json().get("code").asText());
        c.onText("{\"action\":\"dance\"}");
        assertEquals("unknown_action", out.last().json().get("code").asText());
        c.onBinary();
        assertEquals("invalid_json", out.last().json().get("code").asText());
        assertFalse(out.last().json().get("fatal").asBoolean());
    }

    @Test
    void unsupportedFormatIsRefusedAndTheStreamUnchanged() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\",\"params\":{\"format\":\"webp\"}}");
        assertEquals("unsupported_format", out.last().json().get("code").asText());
        assertTrue(streams.sessions.isEmpty());
        c.onText("{\"action\":\"start_stream\"}");
        c.onText("{\"action\":\"start_stream\",\"params\":{\"format\":\"png\",\"fps\":3}}");
        assertEquals("unsupported_format", out.last().json().get("code").asText());
        assertEquals(15, streams.last().request.fps());
    }

    @Test
    void pingIsAnsweredWithPong() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"ping\",\"params\":{\"client_time\":123}}");
        Sent m = out.last();
        assertEquals("pong", m.type());
        assertEquals(123, m.json().get("client_time").asLong());
        assertTrue(ServerMessagesTest.TIMESTAMP.matcher(m.json().get("server_time").asText()).matches());
    }

    @Test
    void streamEventsBecomeStatusesAndErrors() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        c.event(StreamEvent.reconnecting(ErrorCode.CAMERA_UNREACHABLE, "camera demo: connection refused", 2, 1000));
        Sent r = out.last();
        assertEquals("reconnecting", r.status());
        assertEquals(2, r.json().get("attempt").asInt());
        assertEquals(1000, r.json().get("retry_in_ms").asLong());
        assertEquals("camera demo: connection refused", r.json().get("reason").asText());
        c.event(StreamEvent.resumed("camera demo: frames flow again"));
        assertEquals("resumed", out.last().status());
        c.event(StreamEvent.protocolMissing("camera demo: protocol plugin 'rtsp' missing, waiting"));
        assertEquals("protocol_missing", out.last().status());
        c.event(StreamEvent.error(ErrorCode.TIMEOUT, "camera demo: no frame for 10 s", false));
        assertEquals("timeout", out.last().json().get("code").asText());
        assertFalse(streams.last().closed, "a non-fatal error keeps the stream");
    }

    @Test
    void aFatalErrorEndsTheStreamButNotTheSocket() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        c.event(StreamEvent.error(ErrorCode.CAMERA_REMOVED, "camera demo was deleted", true));
        Sent m = out.last();
        assertEquals("camera_removed", m.json().get("code").asText());
        assertTrue(m.json().get("fatal").asBoolean());
        assertTrue(streams.last().closed);
        deliver(c);
        assertTrue(out.ofType("frame").isEmpty());
        c.onText("{\"action\":\"stop_stream\"}");
        assertEquals("not_streaming", out.last().status());
    }

    @Test
    void eventsDuringOpenFollowStreamStarted() {
        streams.duringOpen = viewer -> viewer.event(StreamEvent.protocolMissing("camera demo: plugin missing"));
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        List<String> statuses = out.all().stream().map(Sent::status).toList();
        assertEquals(List.of("connected", "stream_started", "protocol_missing"), statuses);
    }

    @Test
    void eventsWhileIdleAreNotSent() {
        ViewerConnection c = connect("demo");
        c.event(StreamEvent.resumed("late"));
        assertEquals(1, out.all().size());
        assertNotEquals("resumed", out.last().status());
    }

    @Test
    void closingTheSocketClosesTheSessionAndSilencesTheConnection() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        c.close();
        assertTrue(streams.last().closed);
        int before = out.all().size();
        deliver(c);
        c.event(StreamEvent.resumed("late"));
        c.onText("{\"action\":\"ping\"}");
        assertEquals(before, out.all().size());
        assertEquals(1, done.get());
    }

    @Test
    void terminateSendsOneFatalErrorLastAndReleasesTheCamera() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        FakeSession session = streams.last();
        AtomicInteger closes = new AtomicInteger();
        c.terminate(ErrorCode.UNAUTHORIZED, "camera demo: your session ended", closes::incrementAndGet);
        assertTrue(session.closed, "the stream was released");
        Sent error = out.last();
        assertEquals("error", error.type());
        assertEquals("unauthorized", error.json().get("code").asText());
        assertTrue(error.json().get("fatal").asBoolean());
        assertEquals("camera demo: your session ended", error.json().get("error").asText());
        assertEquals(0, closes.get(), "the socket closes once the error is written");
        error.done().run();
        assertEquals(1, closes.get());

        int before = out.all().size();
        deliver(c);
        c.event(StreamEvent.resumed("back"));
        c.onText("{\"action\":\"ping\"}");
        c.terminate(ErrorCode.UNAUTHORIZED, "again", closes::incrementAndGet);
        assertEquals(before, out.all().size(), "nothing follows the fatal error");
        assertEquals(1, done.get(), "the frame was not sent, but completed");
        assertEquals(1, closes.get());
    }

    @Test
    void aSocketClosedWhileOpeningReleasesTheNewSession() {
        ViewerConnection[] self = new ViewerConnection[1];
        streams.duringOpen = viewer -> self[0].close();
        self[0] = connect("demo");
        self[0].onText("{\"action\":\"start_stream\"}");
        assertTrue(streams.last().closed);
        assertTrue(out.all().stream().noneMatch(s -> "stream_started".equals(s.status())));
    }

    @Test
    void aServiceFaultIsAnInternalErrorAndTheConnectionStaysUsable() {
        streams.duringOpen = viewer -> {
            throw new IllegalStateException("core is broken");
        };
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        Sent m = out.last();
        assertEquals("internal", m.json().get("code").asText());
        assertTrue(m.json().get("error").asText().contains("core is broken"));
        streams.duringOpen = viewer -> { };
        c.onText("{\"action\":\"start_stream\"}");
        assertEquals("stream_started", out.last().status(), "the failed start left the connection idle");
        c.event(StreamEvent.resumed("camera demo: frames flow"));
        assertEquals("resumed", out.last().status(), "events are not held back by the failed start");
    }

    @Test
    void viewersOfOneFrameShareOneBase64Encoding() {
        VideoFrame frame = ServerMessagesTest.frame();
        List<FakeOutbound> sockets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            FakeOutbound socket = new FakeOutbound();
            sockets.add(socket);
            connect("demo", socket).onText("{\"action\":\"start_stream\"}");
        }
        FakeOutbound binary = new FakeOutbound();
        connect("demo", binary).onText("{\"action\":\"start_stream\",\"params\":{\"transport\":\"binary\"}}");
        for (FakeSession s : streams.sessions) {
            s.viewer.deliver(frame, done::incrementAndGet);
        }
        assertEquals(1, base64.encodings(), "one encoding for every json viewer; none for the binary one");
        for (FakeOutbound socket : sockets) {
            Sent m = socket.last();
            assertEquals("frame", m.type());
            assertArrayEquals(frame.data(), Base64.getDecoder().decode(m.json().get("data").asText()));
        }
        assertEquals("frame", binary.last().type());
    }

    @Test
    void aFatalErrorDuringARestartStillAnswersTheStartStream() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\",\"params\":{\"quality\":\"low\"}}");
        FakeSession first = streams.last();
        first.duringUpdate = () -> c.event(StreamEvent.error(ErrorCode.AUTH_FAILED, "camera demo: credentials refused", true));
        out.clear();
        c.onText("{\"action\":\"start_stream\",\"params\":{\"fps\":5,\"transport\":\"binary\"}}");

        List<Sent> all = out.all();
        assertEquals(List.of("error", "status"), all.stream().map(Sent::type).toList(), "the error, then one answer");
        assertTrue(all.get(0).json().get("fatal").asBoolean());
        Sent answer = all.get(1);
        assertEquals("stream_started", answer.status(), "the start_stream opened a new stream");
        assertEquals(5, answer.json().get("fps").asInt());
        assertEquals("low", answer.json().get("quality").asText());
        assertEquals("binary", answer.json().get("transport").asText());
        assertTrue(first.closed);
        assertEquals(2, streams.sessions.size());
        assertEquals(new ViewerRequest(Quality.LOW, 5, "jpeg", 0), streams.last().request);
        deliver(c);
        assertTrue(out.last().binary() != null, "frames of the new stream flow");
    }

    @Test
    void aRestartThatFailsAfterAFatalErrorAnswersWithTheError() {
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        streams.last().duringUpdate = () -> c.event(StreamEvent.error(ErrorCode.CAMERA_REMOVED, "camera demo was deleted", true));
        streams.duringOpen = viewer -> {
            throw new IllegalStateException("camera demo is gone");
        };
        out.clear();
        c.onText("{\"action\":\"start_stream\",\"params\":{\"fps\":5}}");
        List<Sent> all = out.all();
        assertEquals(List.of("camera_removed", "internal"), all.stream().map(m -> m.json().get("code").asText()).toList());
        c.onText("{\"action\":\"stop_stream\"}");
        assertEquals("not_streaming", out.last().status());
    }

    @Test
    void aFatalErrorWhileOpeningFollowsStreamStarted() {
        streams.duringOpen = viewer -> viewer.event(StreamEvent.error(ErrorCode.CAMERA_REMOVED, "camera demo was deleted", true));
        ViewerConnection c = connect("demo");
        c.onText("{\"action\":\"start_stream\"}");
        List<Sent> all = out.all();
        assertEquals(List.of("connection", "status", "error"), all.stream().map(Sent::type).toList());
        assertEquals("stream_started", all.get(1).status());
        assertTrue(all.get(2).json().get("fatal").asBoolean());
        assertTrue(streams.last().closed);
        c.onText("{\"action\":\"stop_stream\"}");
        assertEquals("not_streaming", out.last().status());
    }
}
