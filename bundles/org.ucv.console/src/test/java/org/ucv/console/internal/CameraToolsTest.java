package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.ucv.api.camera.CameraState;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.FactoryTable;
import org.ucv.api.spi.SourceException;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.VideoFrame;
import org.ucv.api.stream.ViewerRequest;

class CameraToolsTest {
    private static final ViewerRequest REQUEST = new ViewerRequest(Quality.LOW, 5, "jpeg", 320);
    private static final byte[] FRAME = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9, 7};

    private final FakeRegistry registry = new FakeRegistry()
            .add(CameraConfig.builder("demo").protocol("demo").build())
            .add(CameraConfig.builder("door").protocol("rtsp").url("rtsp://admin:s3cret@10.0.0.5/stream1")
                    .username("admin").password("s3cret").build())
            .add(CameraConfig.builder("off").protocol("demo").enabled(false).build())
            .add(CameraConfig.builder("lost").protocol("onvif").build());
    private final FakeStreams streams = new FakeStreams(registry);
    private final FactoryTable factories = new FactoryTable();
    private final FakeFactory.Capable rtsp = new FakeFactory.Capable();
    private CameraTools tools = tools(Duration.ofSeconds(5), 4);

    CameraToolsTest() {
        factories.add(FactoryTable.Entry.of(FakeFactory.plain(), "demo", null, 1L));
        factories.add(FactoryTable.Entry.of(rtsp, "rtsp", null, 2L));
    }

    private CameraTools tools(Duration timeout, int parallel) {
        return new CameraTools(registry, streams, factories, new CameraTools.Settings(timeout, Duration.ofSeconds(7), parallel));
    }

    private void deliverFrames() {
        streams.onOpen = (id, viewer) -> viewer.deliver(
                new VideoFrame(FRAME, "jpeg", 320, 180, Quality.LOW, 1, 2, 1), () -> { });
    }

    @Test
    void aPluginWithoutSnapshotsGivesAFrameOfItsStream() throws ToolException {
        deliverFrames();
        CameraTools.Snapshot snapshot = tools.snapshot("demo", REQUEST);
        assertArrayEquals(FRAME, snapshot.jpeg());
        assertFalse(snapshot.fromPlugin());
        assertEquals(1, streams.sessions.size());
        assertEquals(REQUEST, streams.sessions.get(0).request);
        assertTrue(streams.open().isEmpty(), "the snapshot's viewer is closed");
    }

    @Test
    void aSnapshotCapablePluginTakesItWhenTheCameraIsNotStreaming() throws ToolException {
        CameraTools.Snapshot snapshot = tools.snapshot("door", REQUEST);
        assertTrue(snapshot.fromPlugin());
        assertArrayEquals(FakeFactory.JPEG, snapshot.jpeg());
        assertEquals(Duration.ofSeconds(5), rtsp.lastTimeout);
        assertTrue(streams.sessions.isEmpty());
    }

    @Test
    void aStreamingCameraIsNotConnectedTwice() throws ToolException {
        streams.states.put("door", CameraState.STREAMING);
        deliverFrames();
        CameraTools.Snapshot snapshot = tools.snapshot("door", REQUEST);
        assertFalse(snapshot.fromPlugin());
        assertEquals(0, rtsp.snapshots);
    }

    @Test
    void pluginFailuresAreRedacted() {
        rtsp.failure = new SourceException(ErrorCode.AUTH_FAILED, "401 from rtsp://admin:s3cret@10.0.0.5/ (password s3cret)");
        ToolException e = assertThrows(ToolException.class, () -> tools.snapshot("door", REQUEST));
        assertEquals(ErrorCode.AUTH_FAILED, e.code());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void aPluginSnapshotThatIsNotAJpegIsRefused() {
        rtsp.snapshot = "<html>login</html>".getBytes();
        ToolException e = assertThrows(ToolException.class, () -> tools.snapshot("door", REQUEST));
        assertEquals(ErrorCode.NOT_A_STREAM, e.code());
    }

    @Test
    void unknownDisabledOrPluginlessCamerasFailAtOnce() {
        assertEquals(ErrorCode.CAMERA_NOT_FOUND, assertThrows(ToolException.class, () -> tools.snapshot("nope", REQUEST)).code());
        assertEquals(ErrorCode.INVALID_PARAMS, assertThrows(ToolException.class, () -> tools.snapshot("off", REQUEST)).code());
        assertEquals(ErrorCode.PROTOCOL_MISSING, assertThrows(ToolException.class, () -> tools.snapshot("lost", REQUEST)).code());
        assertTrue(streams.sessions.isEmpty());
    }

    @Test
    void troubleOnTheStreamEndsTheWaitAtOnce() {
        streams.onOpen = (id, viewer) -> viewer.event(
                StreamEvent.reconnecting(ErrorCode.CAMERA_UNREACHABLE, "camera 'demo': connection refused", 1, 1000));
        tools = tools(Duration.ofMinutes(5), 4);
        ToolException e = assertThrows(ToolException.class, () -> tools.snapshot("demo", REQUEST));
        assertEquals(ErrorCode.CAMERA_UNREACHABLE, e.code());
        assertTrue(streams.open().isEmpty());
    }

    @Test
    void noPictureInTimeIsATimeout() {
        tools = tools(Duration.ofMillis(50), 4);
        ToolException e = assertThrows(ToolException.class, () -> tools.snapshot("demo", REQUEST));
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("demo"), e.getMessage());
        assertTrue(streams.open().isEmpty());
    }

    @Test
    void snapshotsAtOnceAreBounded() throws Exception {
        tools = tools(Duration.ofSeconds(30), 1);
        CountDownLatch inside = new CountDownLatch(1);
        AtomicReference<org.ucv.api.stream.StreamViewer> waiting = new AtomicReference<>();
        streams.onOpen = (id, viewer) -> {
            waiting.set(viewer);
            inside.countDown();
        };
        AtomicReference<Object> first = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                first.set(tools.snapshot("demo", REQUEST));
            } catch (ToolException e) {
                first.set(e);
            }
        }, "test-snapshot");
        t.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        ToolException busy = assertThrows(ToolException.class, () -> tools.snapshot("demo", REQUEST));
        assertEquals(ErrorCode.TOO_MANY_VIEWERS, busy.code());
        waiting.get().deliver(new VideoFrame(FRAME, "jpeg", 320, 180, Quality.LOW, 1, 2, 1), () -> { });
        t.join(10_000);
        assertTrue(first.get() instanceof CameraTools.Snapshot, String.valueOf(first.get()));
    }

    @Test
    void testReportsTheResultRedacted() {
        CameraTools.TestResult result = tools.test("door");
        assertEquals(CameraTools.Outcome.OK, result.outcome());
        assertTrue(result.text().startsWith("door: ok in 42 ms, codec h264"), result.text());
        assertFalse(result.text().contains("s3cret"), result.text());
        assertEquals(Duration.ofSeconds(7), rtsp.lastTimeout);
    }

    @Test
    void testReportsTheFailureWithItsCode() {
        rtsp.failure = new SourceException(ErrorCode.AUTH_FAILED, "wrong password s3cret");
        CameraTools.TestResult result = tools.test("door");
        assertEquals(CameraTools.Outcome.FAILED, result.outcome());
        assertEquals("door: failed: auth_failed: wrong password ***", result.text());
    }

    @Test
    void testSaysWhenThePluginCannotTest() {
        CameraTools.TestResult result = tools.test("demo");
        assertEquals(CameraTools.Outcome.UNSUPPORTED, result.outcome());
        assertEquals("demo: connection test not supported by the 'demo' plugin", result.text());
        assertEquals(CameraTools.Outcome.FAILED, tools.test("nope").outcome());
        assertEquals("lost: failed: protocol_missing: no plugin serves protocol 'onvif' of camera 'lost'",
                tools.test("lost").text());
    }
}
