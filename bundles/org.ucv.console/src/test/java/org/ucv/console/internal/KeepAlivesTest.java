package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.VideoFrame;

class KeepAlivesTest {
    private final FakeRegistry registry = new FakeRegistry()
            .add(CameraConfig.builder("demo").protocol("demo").build())
            .add(CameraConfig.builder("door").protocol("rtsp").build());
    private final FakeStreams streams = new FakeStreams(registry);
    private final KeepAlives keepAlives = new KeepAlives(streams);

    @Test
    void startHoldsOneCheapViewerPerCamera() throws StreamException {
        assertTrue(keepAlives.start("demo"));
        assertFalse(keepAlives.start("demo"));
        assertEquals(1, streams.open().size());
        assertEquals(KeepAlives.REQUEST, streams.sessions.get(0).request);
        assertEquals(Set.of("demo"), keepAlives.held());
    }

    @Test
    void stopClosesIt() throws StreamException {
        keepAlives.start("demo");
        assertTrue(keepAlives.stop("demo"));
        assertFalse(keepAlives.stop("demo"));
        assertTrue(streams.open().isEmpty());
        assertTrue(keepAlives.held().isEmpty());
    }

    @Test
    void framesAreReleasedAtOnce() throws StreamException {
        AtomicBoolean done = new AtomicBoolean();
        streams.onOpen = (id, viewer) -> viewer.deliver(
                new VideoFrame(new byte[1], "jpeg", 1, 1, Quality.LOW, 0, 0, 0), () -> done.set(true));
        keepAlives.start("demo");
        assertTrue(done.get());
    }

    @Test
    void aFailedOpenHoldsNothing() {
        assertThrows(StreamException.class, () -> keepAlives.start("nope"));
        assertTrue(keepAlives.held().isEmpty());
    }

    @Test
    void aFatalEventForgetsTheViewer() throws StreamException {
        StreamViewer[] viewer = new StreamViewer[1];
        streams.onOpen = (id, v) -> viewer[0] = v;
        keepAlives.start("demo");
        viewer[0].event(StreamEvent.reconnecting(ErrorCode.TIMEOUT, "camera 'demo' timed out", 1, 1000));
        assertEquals(Set.of("demo"), keepAlives.held());
        viewer[0].event(StreamEvent.error(ErrorCode.CAMERA_REMOVED, "camera 'demo' was removed", true));
        assertTrue(keepAlives.held().isEmpty());
        assertTrue(keepAlives.start("demo"), "can be started again");
    }

    @Test
    void closeReleasesAllAndRefusesMore() throws StreamException {
        keepAlives.start("demo");
        keepAlives.start("door");
        keepAlives.close();
        assertTrue(streams.open().isEmpty());
        assertTrue(keepAlives.held().isEmpty());
        assertFalse(keepAlives.start("demo"));
        assertTrue(streams.open().isEmpty());
    }
}
