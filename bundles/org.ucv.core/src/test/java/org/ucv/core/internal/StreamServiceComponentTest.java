package org.ucv.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ucv.api.camera.CameraState;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamEvent.Kind;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.VideoFrame;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;

class StreamServiceComponentTest {
    private static final ViewerRequest MEDIUM_15 = new ViewerRequest(Quality.MEDIUM, 15, "jpeg", 0);

    private Rig rig;

    private Rig rig(long lingerMs) {
        rig = new Rig(lingerMs, 100);
        return rig;
    }

    @AfterEach
    void deactivateLeavesNoThread() {
        if (rig != null) {
            rig.close();
            assertEquals(0, rig.registry.listenerCount(), "registry listener removed");
        }
        Await.until(() -> Rig.ucvThreads().isEmpty(), Duration.ofSeconds(3), () -> "threads left: " + Rig.ucvThreads());
    }

    @Test
    void twoViewersOfOneCameraShareOneSourceAndOneDecodePerPacket() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "test");
        TestFactory plugin = r.plugin("test", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        RecordingViewer b = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, a);
        r.component.open("cam", new ViewerRequest(Quality.LOW, 15, "jpeg", 320), b);

        Await.until(() -> a.frames().size() >= 10 && b.frames().size() >= 10, "both viewers get frames");
        assertEquals(1, plugin.opened(), "one source for two viewers");
        assertEquals(1, r.converter.decodersOpened.get());
        List<Long> decoded = r.converter.decodedPts;
        assertEquals(decoded.size(), new HashSet<>(decoded).size(), "each packet decoded once: " + decoded);
        assertEquals(1, r.component.streams().size());
        assertEquals(2, r.component.streams().get(0).viewers());
    }

    @Test
    void viewersWithTheSameQualityAndWidthShareARendition() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "test");
        r.plugin("test", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        RecordingViewer b = RecordingViewer.fast();
        RecordingViewer c = RecordingViewer.fast();
        RecordingViewer d = RecordingViewer.fast();
        ViewerSession sa = r.component.open("cam", new ViewerRequest(Quality.MEDIUM, 15, "jpeg", 640), a);
        r.component.open("cam", new ViewerRequest(Quality.MEDIUM, 15, "jpeg", 600), b);
        r.component.open("cam", new ViewerRequest(Quality.LOW, 15, "jpeg", 640), c);
        r.component.open("cam", new ViewerRequest(Quality.MEDIUM, 15, "jpeg", 0), d);

        assertEquals(640, sa.request().maxWidth());
        Await.until(() -> List.of(a, b, c, d).stream().allMatch(v -> v.frames().size() >= 5), "all viewers get frames");
        assertEquals(3, r.component.streams().get(0).renditions());
        assertEquals(Set.of("MEDIUM/640", "LOW/640", "MEDIUM/0"), r.converter.encoders.stream()
                .map(e -> e.quality + "/" + e.maxWidth).collect(Collectors.toSet()), "one encoder per rendition");
        assertEquals(3, r.converter.encoders.size());
        for (TestConverter.TestEncoder e : r.converter.encoders) {
            assertEquals(e.encodedPts.size(), new HashSet<>(e.encodedPts).size(), "each picture encoded once");
        }
        Map<Long, VideoFrame> bySequence = b.frames().stream()
                .collect(Collectors.toMap(VideoFrame::sequence, Function.identity()));
        VideoFrame shared = a.frames().stream().filter(f -> bySequence.containsKey(f.sequence())).findFirst().orElseThrow();
        assertSame(shared.data(), bySequence.get(shared.sequence()).data(), "one encode, bytes shared");
        assertEquals(Quality.LOW, c.frames().get(0).quality());
        assertEquals(TestConverter.WIDTH, d.frames().get(0).width());
    }

    @Test
    void sessionStopsAfterLingerAndNotBefore() throws Exception {
        Rig r = rig(1_000);
        r.camera("cam", "test");
        TestFactory plugin = r.plugin("test", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        ViewerSession s = r.component.open("cam", MEDIUM_15, a);
        Await.until(() -> a.frames().size() >= 3, "frames");

        long closedAt = System.nanoTime();
        s.close();
        assertFalse(plugin.last().closed, "source still open right after the last viewer left");
        assertEquals(1, r.component.streams().size());
        assertEquals(0, r.converter.encodersOpen(), "the rendition's encoder closes with its last viewer");

        Await.until(() -> plugin.last().closed, "source closed after linger");
        assertTrue(System.nanoTime() - closedAt >= 1_000_000_000L, "not before linger_ms");
        assertEquals(CameraState.IDLE, r.component.state("cam"));
        assertTrue(r.component.streams().isEmpty());
        Await.until(() -> r.metrics.stream("cam").closed, "the stream meter closes last");
        assertEquals(r.converter.decodersOpened.get(), r.converter.decodersClosed.get(), "decoder closed");
        assertFalse(Rig.ucvThreads().stream().anyMatch(n -> n.startsWith("ucv-session-")), "worker ended");
        Await.until(() -> Rig.ucvThreads().isEmpty(), Duration.ofSeconds(6),
                () -> "no thread of ours is left once idle: " + Rig.ucvThreads());
    }

    @Test
    void viewerReturningWithinLingerReusesTheSession() throws Exception {
        Rig r = rig(1_500);
        r.camera("cam", "test");
        TestFactory plugin = r.plugin("test", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        ViewerSession s = r.component.open("cam", MEDIUM_15, a);
        Await.until(() -> a.frames().size() >= 3, "frames");
        s.close();
        long leftAt = EpochMicros.now();

        RecordingViewer b = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, b);
        Await.until(() -> b.lastFrame() != null && b.lastFrame().captureEpochMicros() > leftAt + 2_000_000,
                "frames past the linger");
        assertEquals(1, plugin.opened(), "the same source kept streaming");
        assertFalse(plugin.last().closed);
        assertEquals(1, r.metrics.opened.size(), "the same session");
    }

    @Test
    void aStuckViewerGetsNothingMoreWhileAFastOneOnTheSameRenditionKeepsGoing() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "test");
        r.plugin("test", Codec.H264);
        RecordingViewer stuck = RecordingViewer.stuck();
        RecordingViewer fast = RecordingViewer.fast();
        ViewerSession stuckSession = r.component.open("cam", MEDIUM_15, stuck);
        r.component.open("cam", MEDIUM_15, fast);

        Await.until(() -> fast.frames().size() >= 20, "the fast viewer keeps getting frames");
        assertEquals(1, stuck.frames().size(), "nothing more until done runs");
        assertTrue(stuckSession.metrics().droppedFrames() >= 10, "replaced frames count as dropped");
        assertEquals(1, r.component.streams().get(0).renditions());

        long before = stuck.frames().size();
        stuck.pendingDone.get(0).run();
        assertEquals(before + 1, stuck.frames().size(), "done hands over the newest waiting frame");
        VideoFrame latest = stuck.frames().get(1);
        assertTrue(latest.sequence() > stuck.frames().get(0).sequence() + 10, "the newest, not the oldest");
    }

    @Test
    void eachViewerGetsItsOwnFpsFromOneSource() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "test");
        r.plugin("test", Codec.H264);
        RecordingViewer five = RecordingViewer.fast();
        RecordingViewer ten = RecordingViewer.fast();
        RecordingViewer full = RecordingViewer.fast();
        r.component.open("cam", new ViewerRequest(Quality.MEDIUM, 5, "jpeg", 0), five);
        r.component.open("cam", new ViewerRequest(Quality.MEDIUM, 10, "jpeg", 0), ten);
        r.component.open("cam", MEDIUM_15, full);

        Await.until(() -> !full.frames().isEmpty(), "first frame");
        long from = full.frames().get(0).captureEpochMicros() + 500_000;
        long to = from + 2_000_000;
        Await.until(() -> full.lastFrame().captureEpochMicros() > to + 200_000,
                Duration.ofSeconds(8), () -> "3 s of frames");
        long perSecond5 = count(five, from, to) / 2;
        long perSecond10 = count(ten, from, to) / 2;
        long perSecond15 = count(full, from, to) / 2;
        assertTrue(perSecond5 >= 3 && perSecond5 <= 7, "fps 5 viewer got " + perSecond5 + "/s");
        assertTrue(perSecond10 >= 8 && perSecond10 <= 12, "fps 10 viewer got " + perSecond10 + "/s");
        assertTrue(perSecond15 >= 12, "fps 15 viewer got " + perSecond15 + "/s");
    }

    private static long count(RecordingViewer v, long fromMicros, long toMicros) {
        return v.frames().stream().filter(f -> f.captureEpochMicros() >= fromMicros && f.captureEpochMicros() < toMicros)
                .count();
    }

    @Test
    void lostConnectionIsReopenedWithBackoffAndViewersAreTold() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "test");
        TestFactory plugin = r.plugin("test", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, a);
        Await.until(() -> a.frames().size() >= 3, "frames");

        TestFactory.TestSource first = plugin.last();
        first.lose("peer closed the connection");
        Await.until(() -> a.events(Kind.RECONNECTING).size() == 1, "reconnecting");
        StreamEvent ev = a.events(Kind.RECONNECTING).get(0);
        assertEquals(ErrorCode.CAMERA_UNREACHABLE, ev.code());
        assertEquals(1, ev.attempt());
        assertEquals(1_000, ev.retryInMs());
        assertTrue(ev.message().contains("cam") && ev.message().contains("peer closed"), ev.message());
        assertEquals(CameraState.RECONNECTING, r.component.state("cam"));
        Await.until(() -> first.closed, "the lost source is closed");

        Await.until(() -> plugin.opened() == 2, "reopened after the backoff");
        Await.until(() -> a.events(Kind.RESUMED).size() == 1 && a.framesAfter(Kind.RESUMED) >= 3, "resumed, frames flow");
        assertEquals(CameraState.STREAMING, r.component.state("cam"));

        // The replaced source's sink ignores it: neither its packets nor its end count.
        first.sink.packet(new MediaPacket(Codec.H264, new byte[] {TestConverter.CORRUPT}, 0, EpochMicros.now(), true, null));
        first.sink.lost("late");
        plugin.last().lose("peer closed again");
        Await.until(() -> a.events(Kind.RECONNECTING).size() == 2, "second reconnecting");
        assertEquals(2, a.events(Kind.RECONNECTING).get(1).attempt());
        Await.until(() -> plugin.opened() == 3 && a.events(Kind.RESUMED).size() == 2, "reopened again");
        assertEquals(2, a.events(Kind.RECONNECTING).size(), "the stale lost() was ignored");
        assertEquals(0, r.metrics.stream("cam").corrupt.get(), "the stale packet was ignored");
        assertEquals(2, r.metrics.stream("cam").reconnects.get(), "each scheduled reconnect is metered");
    }

    @Test
    void authFailureRetriesOnTheSlowerSchedule() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "test");
        TestFactory plugin = r.plugin("test", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, a);
        Await.until(() -> !a.frames().isEmpty(), "frames");

        plugin.last().fail(ErrorCode.AUTH_FAILED, "401 Unauthorized");
        Await.until(() -> a.events(Kind.RECONNECTING).size() == 1, "reconnecting");
        StreamEvent ev = a.events(Kind.RECONNECTING).get(0);
        assertEquals(ErrorCode.AUTH_FAILED, ev.code());
        assertEquals(1, ev.attempt());
        assertEquals(10_000, ev.retryInMs());
        assertEquals(CameraState.RECONNECTING, r.component.state("cam"));
        assertEquals(ev.message(), r.component.streams().get(0).lastError());

        RecordingViewer late = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, late);
        assertEquals(List.of(ev), late.events().toList(), "a viewer joining during the trouble is told");
    }

    @Test
    void pluginLeavingPutsItsCamerasInProtocolMissingAndReturningResumes() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "test");
        r.camera("other", "other");
        TestFactory plugin = r.plugin("test", Codec.H264);
        TestFactory otherPlugin = r.plugin("other", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        RecordingViewer b = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, a);
        r.component.open("other", MEDIUM_15, b);
        Await.until(() -> !a.frames().isEmpty() && !b.frames().isEmpty(), "frames");

        r.unbind(plugin);
        assertTrue(plugin.last().closed, "its source closed before the plugin is gone");
        assertFalse(otherPlugin.last().closed, "a camera of another protocol is untouched");
        assertEquals(CameraState.PROTOCOL_MISSING, r.component.state("cam"));
        Await.until(() -> a.events(Kind.PROTOCOL_MISSING).size() == 1, "protocol_missing");
        String message = a.events(Kind.PROTOCOL_MISSING).get(0).message();
        assertTrue(message.contains("'cam'") && message.contains("'test'"), message);
        assertEquals(0, b.events().count());

        TestFactory back = r.plugin("test", Codec.H264);
        assertEquals(1, back.opened(), "the waiting camera opens at once");
        Await.until(() -> a.events(Kind.RESUMED).size() == 1 && a.framesAfter(Kind.RESUMED) >= 3, "resumed");
        assertEquals(CameraState.STREAMING, r.component.state("cam"));
    }

    @Test
    void aCameraWaitsForItsPluginThenStreams() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "late");
        RecordingViewer a = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, a);
        assertEquals(CameraState.PROTOCOL_MISSING, r.component.state("cam"));
        assertEquals(1, a.events(Kind.PROTOCOL_MISSING).size());
        assertEquals(ErrorCode.PROTOCOL_MISSING, a.events(Kind.PROTOCOL_MISSING).get(0).code());

        TestFactory plugin = r.plugin("late", Codec.H264);
        assertEquals(1, plugin.opened(), "opened as the plugin arrives");
        Await.until(() -> a.frames().size() >= 3, "frames once the plugin is there");
        assertEquals(1, a.events(Kind.RESUMED).size());
    }

    @Test
    void removedCameraEndsItsViewersForGood() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "test");
        TestFactory plugin = r.plugin("test", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, a);
        Await.until(() -> a.frames().size() >= 3, "frames");

        r.registry.remove("cam");
        Await.until(() -> a.events(Kind.ERROR).size() == 1, "fatal error");
        StreamEvent ev = a.events(Kind.ERROR).get(0);
        assertEquals(ErrorCode.CAMERA_REMOVED, ev.code());
        assertTrue(ev.fatal());
        assertSame(ev, a.calls.get(a.calls.size() - 1), "nothing after the fatal event");
        Await.until(() -> plugin.last().closed, "source closed");
        assertTrue(r.component.streams().isEmpty());
        StreamException e = assertThrows(StreamException.class, () -> r.component.state("cam"));
        assertEquals(ErrorCode.CAMERA_NOT_FOUND, e.code());
    }

    @Test
    void changedCameraReconnectsWithItsNewConfiguration() throws Exception {
        Rig r = rig(200);
        var cam = r.camera("cam", "test");
        TestFactory plugin = r.plugin("test", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, a);
        Await.until(() -> a.frames().size() >= 3, "frames");

        r.registry.put(cam);
        r.registry.put(cam.toBuilder().option("profile", "2").build());
        Await.until(() -> plugin.opened() == 2, "reopened with the change");
        assertTrue(plugin.sources.get(0).closed);
        assertEquals("2", plugin.last().camera.option("profile").orElseThrow());
        int framesBefore = a.frames().size();
        Await.until(() -> a.frames().size() >= framesBefore + 3, "frames from the new source");
        // The viewer was told: one planned reconnect (no error code), then resumed.
        assertEquals(1, a.events(Kind.RECONNECTING).size());
        assertNull(a.events(Kind.RECONNECTING).get(0).code());
        assertTrue(a.events(Kind.RECONNECTING).get(0).message().contains("changed"));
        Await.until(() -> a.events(Kind.RESUMED).size() == 1, "resumed");
        assertTrue(a.events(Kind.ERROR).isEmpty(), "no error: " + a.events(Kind.ERROR));
    }

    @Test
    void corruptPacketIsSkippedAndCounted() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "test");
        TestFactory plugin = r.plugin("test", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, a);
        Await.until(() -> a.frames().size() >= 3, "frames");

        plugin.last().corruptNext();
        Await.until(() -> r.metrics.stream("cam").corrupt.get() == 1, "counted");
        long corruptPts = plugin.last().corruptPts;
        assertFalse(r.converter.decodedPts.contains(corruptPts));
        Await.until(() -> r.converter.decodedPts.stream().filter(p -> p > corruptPts).count() >= 5,
                "decoding goes on after it");
        int frames = a.frames().size();
        Await.until(() -> a.frames().size() >= frames + 3, "frames go on after it");
    }

    @Test
    void aFullPacketQueueDropsAndDecodingResumesAtAKeyframe() throws Exception {
        rig = new Rig(200, 100, 2);
        Rig r = rig;
        r.camera("cam", "test");
        r.plugin("test", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, a);
        Await.until(() -> a.frames().size() >= 2, "frames");

        CountDownLatch slow = new CountDownLatch(1);
        r.converter.hold = slow;
        Await.until(() -> r.metrics.stream("cam").dropped.get() >= 5, "packets dropped while the decoder is stuck");
        r.converter.hold = null;
        slow.countDown();
        int decoded = r.converter.decodedPts.size();
        Await.until(() -> r.converter.decodedPts.size() >= decoded + 10, "decoding goes on");

        List<Long> pts = r.converter.decodedPts;
        boolean gapSeen = false;
        for (int i = 1; i < pts.size(); i++) {
            if (pts.get(i) - pts.get(i - 1) != TestFactory.FRAME_MICROS) {
                gapSeen = true;
                assertEquals(0, pts.get(i) / TestFactory.FRAME_MICROS % TestFactory.KEY_INTERVAL,
                        "after a gap, decoding restarts at a keyframe: " + pts);
            }
        }
        assertTrue(gapSeen, "packets were dropped: " + pts);
    }

    @Test
    void sourceQualityOfAnMjpegCameraPassesItsJpegsThroughUndecoded() throws Exception {
        Rig r = rig(200);
        r.camera("mj", "mjpeg");
        r.plugin("mjpeg", Codec.MJPEG);
        RecordingViewer source = RecordingViewer.fast();
        ViewerSession ss = r.component.open("mj", new ViewerRequest(Quality.SOURCE, 15, "jpeg", 320), source);
        assertEquals(0, ss.request().maxWidth(), "source quality is served at full width, whatever was asked");
        Await.until(() -> source.frames().size() >= 5, "frames");
        assertEquals(0, r.converter.decodersOpened.get(), "no decoder for passthrough");
        assertEquals(0, r.metrics.stream("mj").decoders.get(), "the stream meter counts no decoder either");
        assertTrue(r.converter.encoders.isEmpty());
        VideoFrame f = source.frames().get(0);
        assertEquals(64, f.width());
        assertEquals(48, f.height());
        assertEquals((byte) 0xD8, f.data()[1]);

        RecordingViewer medium = RecordingViewer.fast();
        r.component.open("mj", MEDIUM_15, medium);
        Await.until(() -> medium.frames().size() >= 3, "decoded frames for another quality");
        assertEquals(1, r.converter.decodersOpened.get());
        assertEquals(1, r.metrics.stream("mj").decoders.get(), "the stream meter counts the decoder");
        assertEquals(TestConverter.WIDTH, medium.frames().get(0).width());

        ss.update(new ViewerRequest(Quality.SOURCE, 10, "jpeg", 640));
        assertEquals(0, ss.request().maxWidth());
        ss.update(new ViewerRequest(Quality.LOW, 10, "jpeg", 640));
        assertEquals(640, ss.request().maxWidth());
    }

    @Test
    void openAndUpdateRejectWhatCannotBeServed() throws Exception {
        rig = new Rig(200, 2);
        Rig r = rig;
        r.camera("cam", "test");
        r.plugin("test", Codec.H264);

        StreamException unknown = assertThrows(StreamException.class,
                () -> r.component.open("nope", MEDIUM_15, RecordingViewer.fast()));
        assertEquals(ErrorCode.CAMERA_NOT_FOUND, unknown.code());
        assertTrue(unknown.getMessage().contains("nope"));
        assertEquals(ErrorCode.CAMERA_NOT_FOUND,
                assertThrows(StreamException.class, () -> r.component.state("nope")).code());

        StreamException png = assertThrows(StreamException.class,
                () -> r.component.open("cam", new ViewerRequest(Quality.MEDIUM, 15, "png", 0), RecordingViewer.fast()));
        assertEquals(ErrorCode.UNSUPPORTED_FORMAT, png.code());
        assertTrue(png.getMessage().contains("jpeg"), png.getMessage());
        assertEquals(Set.of("jpeg"), r.component.formats());
        assertEquals(CameraState.IDLE, r.component.state("cam"));

        RecordingViewer a = RecordingViewer.fast();
        ViewerSession s = r.component.open("cam", MEDIUM_15, a);
        r.component.open("cam", MEDIUM_15, RecordingViewer.fast());
        StreamException full = assertThrows(StreamException.class,
                () -> r.component.open("cam", MEDIUM_15, RecordingViewer.fast()));
        assertEquals(ErrorCode.TOO_MANY_VIEWERS, full.code());

        StreamException badUpdate = assertThrows(StreamException.class,
                () -> s.update(new ViewerRequest(Quality.HIGH, 5, "png", 0)));
        assertEquals(ErrorCode.UNSUPPORTED_FORMAT, badUpdate.code());
        assertEquals(MEDIUM_15, s.request(), "the old request stays");
    }

    @Test
    void updateMovesAViewerToItsNewRendition() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "test");
        r.plugin("test", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        ViewerSession s = r.component.open("cam", MEDIUM_15, a);
        Await.until(() -> !a.frames().isEmpty(), "frames");

        s.update(new ViewerRequest(Quality.HIGH, 10, "jpeg", 1300));
        assertEquals(new ViewerRequest(Quality.HIGH, 10, "jpeg", 1280), s.request());
        assertEquals(10, s.metrics().targetFps());
        Await.until(() -> a.lastFrame().quality() == Quality.HIGH, "frames at the new quality");
        Await.until(() -> r.converter.encodersOpen() == 1, "the old rendition's encoder closed");
        assertEquals(1, r.component.streams().get(0).renditions());
        assertTrue(s.metrics().framesSent() >= a.frames().size() - 1);
    }

    @Test
    void deactivateEndsEverySessionSourceAndThread() throws Exception {
        Rig r = rig(5_000);
        r.camera("cam", "test");
        r.camera("auth", "test");
        r.camera("missing", "none");
        TestFactory plugin = r.plugin("test", Codec.H264);
        RecordingViewer a = RecordingViewer.fast();
        RecordingViewer b = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, a);
        r.component.open("auth", MEDIUM_15, b);
        r.component.open("missing", MEDIUM_15, RecordingViewer.fast());
        Await.until(() -> !a.frames().isEmpty() && !b.frames().isEmpty(), "frames");
        plugin.sources.stream().filter(s -> s.camera.id().equals("auth")).findFirst().orElseThrow()
                .fail(ErrorCode.AUTH_FAILED, "401");
        Await.until(() -> b.events(Kind.RECONNECTING).size() == 1, "a retry is pending");
        assertTrue(Rig.ucvThreads().containsAll(Set.of("ucv-session-cam", "ucv-session-auth", "ucv-core-timer")),
                Rig.ucvThreads().toString());

        r.close();
        rig = null;
        assertTrue(plugin.sources.stream().allMatch(s -> s.closed), "every source closed");
        assertEquals(r.converter.decodersOpened.get(), r.converter.decodersClosed.get(), "every decoder closed");
        assertEquals(0, r.converter.encodersOpen(), "every encoder closed");
        assertTrue(r.metrics.opened.stream().allMatch(m -> m.closed), "every stream meter closed");
        assertTrue(r.metrics.opened.stream().flatMap(m -> m.viewers.values().stream()).allMatch(v -> v.closed),
                "every viewer meter closed");
        Await.until(() -> Rig.ucvThreads().isEmpty(), Duration.ofSeconds(2), () -> "threads left: " + Rig.ucvThreads());
    }

    @Test
    void credentialsInPluginAndExceptionTextsReachNeitherViewersNorTheLog() throws Exception {
        Rig r = rig(200);
        String password = "S3cret-pw";
        String url = "rtsp://admin:" + password + "@10.0.0.5/live";
        r.registry.put(CameraConfig.builder("cam").protocol("test").url(url).username("admin").password(password)
                .build());
        TestFactory plugin = r.plugin("test", Codec.H264);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        RecordingViewer a = RecordingViewer.fast();
        try {
            r.component.open("cam", MEDIUM_15, a);
            Await.until(() -> !a.frames().isEmpty(), "frames");

            plugin.openFailure = new IllegalStateException("cannot reach " + url,
                    new IOException("password " + password + " refused"));
            plugin.last().fail(ErrorCode.TIMEOUT, "no answer from " + url + " (user admin, password " + password + ")");
            Await.until(() -> a.events(Kind.RECONNECTING).size() == 2, "the failure, then the failed open");
            String lastError = r.component.streams().get(0).lastError();
            assertFalse(lastError.contains(password), lastError);
            plugin.openFailure = null;
            Await.until(() -> a.events(Kind.RESUMED).size() == 1, "resumed");
        } finally {
            System.setErr(stderr);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        for (StreamEvent ev : a.events(Kind.RECONNECTING)) {
            assertFalse(ev.message().contains(password) || ev.message().contains("admin:"), ev.message());
            assertTrue(ev.message().contains("rtsp://***@10.0.0.5/live"), "the rest of the text stays: " + ev.message());
        }
        assertFalse(logged.contains(password) || logged.contains("admin:"), logged);
        assertTrue(logged.contains("no answer from rtsp://***@10.0.0.5/live") && logged.contains("IOException: password ***"),
                "the failures were logged, redacted, with their causes: " + logged);
    }

    @Test
    void aDisabledCameraCannotBeWatchedAndDisablingEndsItsViewers() throws Exception {
        Rig r = rig(200);
        CameraConfig cam = r.camera("cam", "test");
        CameraConfig off = cam.toBuilder().enabled(false).build();
        TestFactory plugin = r.plugin("test", Codec.H264);
        r.registry.put(off);

        StreamException refused = assertThrows(StreamException.class,
                () -> r.component.open("cam", MEDIUM_15, RecordingViewer.fast()));
        assertEquals(ErrorCode.CAMERA_UNREACHABLE, refused.code());
        assertEquals("Camera 'cam' is disabled in its configuration", refused.getMessage());
        assertEquals(CameraState.DISABLED, r.component.state("cam"));
        assertEquals(0, plugin.opened());

        r.registry.put(cam);
        RecordingViewer a = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, a);
        Await.until(() -> a.frames().size() >= 3, "frames once enabled");
        r.registry.put(off);
        Await.until(() -> a.events(Kind.ERROR).size() == 1, "fatal error");
        StreamEvent ev = a.events(Kind.ERROR).get(0);
        assertTrue(ev.fatal());
        assertEquals(refused.code(), ev.code());
        assertEquals(refused.getMessage(), ev.message());
        Await.until(() -> plugin.last().closed, "source closed");
        assertSame(ev, a.calls.get(a.calls.size() - 1), "nothing after the fatal event");
        assertTrue(r.component.streams().isEmpty());
        assertEquals(CameraState.DISABLED, r.component.state("cam"));

        r.registry.put(cam);
        RecordingViewer b = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, b);
        Await.until(() -> b.frames().size() >= 3, "frames once enabled again");
        assertEquals(2, plugin.opened());
    }

    @Test
    void anUnwatchedCameraWithoutItsPluginShowsProtocolMissing() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "late");
        assertEquals(CameraState.PROTOCOL_MISSING, r.component.state("cam"));
        r.plugin("late", Codec.H264);
        assertEquals(CameraState.IDLE, r.component.state("cam"));
    }

    @Test
    void aSlowSourceCloseDoesNotDelayOtherCameras() throws Exception {
        Rig r = rig(100);
        r.camera("slow", "slow");
        r.camera("cam", "test");
        TestFactory slow = r.plugin("slow", Codec.H264);
        TestFactory plugin = r.plugin("test", Codec.H264);
        CountDownLatch gate = new CountDownLatch(1);
        slow.closeGate = gate;
        try {
            RecordingViewer a = RecordingViewer.fast();
            RecordingViewer b = RecordingViewer.fast();
            ViewerSession sa = r.component.open("slow", MEDIUM_15, a);
            r.component.open("cam", MEDIUM_15, b);
            Await.until(() -> !a.frames().isEmpty() && !b.frames().isEmpty(), "frames");

            sa.close();
            Await.until(() -> slow.last().closed, "the lingering camera's source is closing");
            plugin.last().lose("peer closed");
            Await.until(() -> plugin.opened() == 2 && b.events(Kind.RESUMED).size() == 1,
                    "the other camera reconnects while that close blocks");
            assertFalse(slow.last().closeReturned, "the slow close was still under way");
            assertTrue(slow.last().closedOn.startsWith("ucv-core-stop-"), slow.last().closedOn);
        } finally {
            gate.countDown();
        }
        Await.until(() -> slow.last().closeReturned, "the slow close ends");
    }

    @Test
    void aViewerArrivingWhileTheSessionStopsWaitsForTheOldSourceToClose() throws Exception {
        Rig r = rig(100);
        r.camera("cam", "test");
        TestFactory plugin = r.plugin("test", Codec.H264);
        CountDownLatch gate = new CountDownLatch(1);
        plugin.closeGate = gate;
        RecordingViewer a = RecordingViewer.fast();
        ViewerSession s = r.component.open("cam", MEDIUM_15, a);
        Await.until(() -> !a.frames().isEmpty(), "frames");
        s.close();
        Await.until(() -> plugin.last().closed, "the linger is over and the source closing");

        RecordingViewer b = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, b);
        gate.countDown();
        Await.until(() -> b.frames().size() >= 3, "the new viewer streams once the old source has closed");
        assertEquals(2, plugin.opened());
        assertEquals(0, plugin.overlaps.get(), "never two sources of one camera at once");
    }

    @Test
    void openUsesAConfigurationChangedWhileItLookedItUp() throws Exception {
        Rig r = rig(200);
        CameraConfig cam = r.camera("cam", "test");
        TestFactory plugin = r.plugin("test", Codec.H264);

        r.registry.afterNextLookup(() -> r.registry.put(cam.toBuilder().option("profile", "2").build()));
        RecordingViewer a = RecordingViewer.fast();
        r.component.open("cam", MEDIUM_15, a);
        Await.until(() -> !a.frames().isEmpty(), "frames");
        assertEquals("2", plugin.last().camera.option("profile").orElse("stale"), "the session uses the new configuration");
    }

    @Test
    void openRefusesACameraRemovedWhileItLookedItUp() throws Exception {
        Rig r = rig(200);
        r.camera("cam", "test");
        TestFactory plugin = r.plugin("test", Codec.H264);

        r.registry.afterNextLookup(() -> r.registry.remove("cam"));
        StreamException e = assertThrows(StreamException.class,
                () -> r.component.open("cam", MEDIUM_15, RecordingViewer.fast()));
        assertEquals(ErrorCode.CAMERA_NOT_FOUND, e.code());
        assertTrue(r.component.streams().isEmpty(), "no session streams the deleted camera");
        assertEquals(0, plugin.opened());
    }
}
