package org.ucv.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucv.api.metrics.StreamMeter;
import org.ucv.api.metrics.StreamMetrics;
import org.ucv.api.metrics.ViewerMeter;
import org.ucv.api.metrics.ViewerMetrics;

class MetricsTest {
    private static final long FRAME_NANOS_15FPS = 1_000_000_000L / 15;

    private final FakeClock clock = new FakeClock();
    private final Metrics metrics = new Metrics(clock);
    private long epochMicros = 1_700_000_000_000_000L;

    /** Sends frames at {@code fps} for {@code seconds}, each {@code latencyMs} after capture. */
    private void send(ViewerMeter viewer, StreamMeter stream, int fps, int seconds, int bytes, long latencyMs) {
        long step = 1_000_000_000L / fps;
        for (int i = 0; i < fps * seconds; i++) {
            clock.advanceNanos(step);
            epochMicros += step / 1000;
            if (stream != null) {
                stream.packetReceived(bytes);
            }
            viewer.frameSent(bytes, epochMicros - latencyMs * 1000, epochMicros);
        }
    }

    @Test
    void viewerRatesCountersAndScoreAtFullSpeed() {
        StreamMeter stream = metrics.openStream("demo");
        ViewerMeter viewer = stream.openViewer("v1", 15);
        send(viewer, stream, 15, 10, 20_000, 40);

        ViewerMetrics m = viewer.snapshot();
        assertEquals(15.0, m.fps(), 0.5);
        assertEquals(15, m.targetFps());
        assertEquals(150, m.framesSent());
        assertEquals(0, m.droppedFrames());
        assertEquals(10.0, m.uptimeSeconds(), 0.01);
        assertEquals(15.0, m.avgFps(), 0.01);
        assertEquals(40.0, m.latencyMs(), 0.01);
        assertEquals(300_000.0, m.bytesPerSecond(), 10_000.0);
        assertEquals(100.0, m.healthScore());
    }

    @Test
    void aViewerAskingMoreThanTheCameraSendsIsJudgedOnTheCamera() {
        StreamMeter stream = metrics.openStream("demo");
        ViewerMeter greedy = stream.openViewer("v1", 30);
        send(greedy, stream, 15, 10, 20_000, 40);

        ViewerMetrics m = greedy.snapshot();
        assertEquals(30, m.targetFps());
        assertEquals(15.0, m.fps(), 0.5);
        assertEquals(100.0, m.healthScore(), 3.0);
    }

    @Test
    void withoutInputTheViewerIsJudgedOnItsTarget() {
        ViewerMeter viewer = metrics.openStream("demo").openViewer("v1", 30);
        send(viewer, null, 15, 10, 20_000, 40);

        assertEquals(50.0, viewer.snapshot().healthScore(), 3.0);
    }

    @Test
    void ratesFollowTheLastSecondsNotTheWholeLife() {
        ViewerMeter viewer = metrics.openStream("demo").openViewer("v1", 15);
        send(viewer, null, 15, 10, 1000, 1500);
        send(viewer, null, 5, 10, 1000, 100);

        ViewerMetrics m = viewer.snapshot();
        assertEquals(5.0, m.fps(), 0.3);
        assertEquals(100.0, m.latencyMs(), 0.01);
        assertEquals(10.0, m.avgFps(), 0.01);
        assertEquals(200, m.framesSent());
        assertEquals(33.3, m.healthScore(), 2.0);
    }

    @Test
    void aViewerThatStoppedReceivingFallsToZero() {
        ViewerMeter viewer = metrics.openStream("demo").openViewer("v1", 15);
        send(viewer, null, 15, 5, 1000, 50);
        clock.advanceMillis(6000);

        ViewerMetrics m = viewer.snapshot();
        assertEquals(0.0, m.fps());
        assertEquals(0.0, m.bytesPerSecond());
        assertEquals(0.0, m.healthScore());
        assertEquals(75, m.framesSent());
    }

    @Test
    void aNewViewerIsJudgedOnWhatItHas() {
        ViewerMeter viewer = metrics.openStream("demo").openViewer("v1", 15);
        assertEquals(100.0, viewer.snapshot().healthScore());
        assertEquals(0.0, viewer.snapshot().fps());
        clock.advanceMillis(500);
        viewer.frameSent(1000, epochMicros - 1_250_000, epochMicros);
        ViewerMetrics m = viewer.snapshot();
        assertEquals(50.0, m.healthScore());
        assertEquals(1.0, m.fps(), 1e-9, "the first second counts as a whole second");
    }

    @Test
    void droppedFramesAreCountedAndCost() {
        ViewerMeter viewer = metrics.openStream("demo").openViewer("v1", 15);
        for (int i = 0; i < 50; i++) {
            clock.advanceNanos(FRAME_NANOS_15FPS);
            if (i % 5 == 0) {
                viewer.frameDropped();
            } else {
                viewer.frameSent(1000, epochMicros, epochMicros);
            }
        }
        ViewerMetrics m = viewer.snapshot();
        assertEquals(10, m.droppedFrames());
        assertEquals(40, m.framesSent());
        assertTrue(m.healthScore() < 80.0, "score " + m.healthScore());
    }

    @Test
    void targetFpsCanChange() {
        ViewerMeter viewer = metrics.openStream("demo").openViewer("v1", 15);
        send(viewer, null, 5, 10, 1000, 10);
        assertEquals(33.3, viewer.snapshot().healthScore(), 2.0);
        viewer.targetFps(5);
        assertEquals(5, viewer.snapshot().targetFps());
        assertEquals(100.0, viewer.snapshot().healthScore(), 4.0);
    }

    @Test
    void streamCountsPacketsFramesAndViewers() {
        StreamMeter stream = metrics.openStream("demo");
        ViewerMeter a = stream.openViewer("a", 15);
        ViewerMeter b = stream.openViewer("b", 15);
        for (int i = 0; i < 150; i++) {
            clock.advanceNanos(FRAME_NANOS_15FPS);
            stream.packetReceived(5000);
            stream.frameDecoded();
            stream.frameEncoded();
            epochMicros += FRAME_NANOS_15FPS / 1000;
            a.frameSent(1000, epochMicros - 20_000, epochMicros);
            if (i % 3 == 0) {
                b.frameSent(1000, epochMicros - 80_000, epochMicros);
            }
        }
        stream.packetCorrupt();
        stream.packetDropped();
        stream.packetDropped();

        StreamMetrics m = stream.snapshot();
        assertEquals("demo", m.cameraId());
        assertEquals(15.0, m.inputFps(), 0.5);
        assertEquals(150, m.packets());
        assertEquals(1, m.corruptPackets());
        assertEquals(2, m.droppedPackets());
        assertEquals(150, m.framesDecoded());
        assertEquals(150, m.framesEncoded());
        assertEquals(10.0, m.uptimeSeconds(), 0.01);
        assertEquals(2, m.viewers());
        // latency over all viewers' frames: a sends three frames at 20 ms for each of b's at 80 ms
        assertEquals(35.0, m.latencyMs(), 1.0);
        // input loses 3 of about 75 packets; viewers score 100 and about 33
        assertEquals(64.0, m.healthScore(), 3.0);
    }

    @Test
    void closingAViewerRemovesItFromTheStream() {
        StreamMeter stream = metrics.openStream("demo");
        ViewerMeter a = stream.openViewer("a", 15);
        ViewerMeter b = stream.openViewer("b", 15);
        assertEquals(2, stream.snapshot().viewers());
        a.close();
        assertEquals(1, stream.snapshot().viewers());
        a.close();
        assertEquals(1, stream.snapshot().viewers());
        b.close();
        assertEquals(0, stream.snapshot().viewers());
    }

    @Test
    void aClosedViewerNoLongerCountsInStreamLatency() {
        StreamMeter stream = metrics.openStream("demo");
        ViewerMeter slow = stream.openViewer("slow", 15);
        ViewerMeter fast = stream.openViewer("fast", 15);
        send(slow, null, 15, 1, 1000, 900);
        send(fast, null, 15, 1, 1000, 100);
        assertEquals(500.0, stream.snapshot().latencyMs(), 1.0);
        slow.close();
        assertEquals(100.0, stream.snapshot().latencyMs(), 1.0);
    }

    @Test
    void streamsListsOpenMetersOnly() {
        StreamMeter cam1 = metrics.openStream("cam1");
        StreamMeter cam0 = metrics.openStream("cam0");
        assertEquals(List.of("cam0", "cam1"), metrics.streams().stream().map(StreamMetrics::cameraId).toList());
        cam1.close();
        assertEquals(List.of("cam0"), metrics.streams().stream().map(StreamMetrics::cameraId).toList());
        cam1.close();
        cam0.close();
        assertTrue(metrics.streams().isEmpty());
    }

    @Test
    void aStalledStreamScoresZeroAfterWarmUp() {
        StreamMeter stream = metrics.openStream("demo");
        assertEquals(100.0, stream.snapshot().healthScore());
        clock.advanceMillis(3000);
        assertEquals(0.0, stream.snapshot().healthScore());
        assertEquals(0.0, stream.snapshot().inputFps());
    }
}
