package org.ucv.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucv.api.metrics.CameraTotals;
import org.ucv.api.metrics.StreamMeter;
import org.ucv.api.metrics.ViewerMeter;

/** Per camera totals: counters that survive the end of a session, gauges from the open meters. */
class TotalsTest {
    private static final long FRAME_NANOS_15FPS = 1_000_000_000L / 15;

    private final FakeClock clock = new FakeClock();
    private final Metrics metrics = new Metrics(clock);
    private final long epochMicros = 1_700_000_000_000_000L;

    private CameraTotals totals(String cameraId) {
        return metrics.totals().stream().filter(t -> t.cameraId().equals(cameraId)).findFirst()
                .orElseThrow(() -> new AssertionError("no totals for " + cameraId));
    }

    /** One session: 30 pictures at 15 fps, decoded and encoded, each sent to every viewer at {@code latencyMs}. */
    private void session(StreamMeter stream, int bytes, long latencyMs, ViewerMeter... viewers) {
        for (int i = 0; i < 30; i++) {
            clock.advanceNanos(FRAME_NANOS_15FPS);
            stream.packetReceived(bytes * 3);
            stream.frameDecoded();
            stream.frameEncoded();
            for (ViewerMeter v : viewers) {
                v.frameSent(bytes, epochMicros, epochMicros + latencyMs * 1000);
            }
        }
    }

    @Test
    void countersAddUpOverSessionsAndViewers() {
        StreamMeter first = metrics.openStream("demo");
        ViewerMeter a = first.openViewer("a", 15);
        ViewerMeter b = first.openViewer("b", 15);
        session(first, 1000, 20, a, b);
        a.frameDropped();
        first.packetDropped();
        first.packetCorrupt();
        first.reconnecting();
        a.close();
        b.close();
        first.close();

        CameraTotals between = totals("demo");
        assertEquals(0, between.viewers());
        assertEquals(0.0, between.inputFps(), "no session runs: no input");
        assertEquals(30, between.framesReceived());
        assertEquals(60, between.framesSent());
        assertEquals(60_000, between.bytesSent());
        assertEquals(2, between.framesDropped(), "a viewer's drop plus the session's");

        StreamMeter second = metrics.openStream("demo");
        ViewerMeter c = second.openViewer("c", 15);
        session(second, 500, 20, c);
        second.reconnecting();
        second.reconnecting();

        CameraTotals t = totals("demo");
        assertEquals(60, t.framesReceived());
        assertEquals(1, t.framesCorrupt());
        assertEquals(60, t.framesDecoded());
        assertEquals(60, t.framesEncoded());
        assertEquals(90, t.framesSent());
        assertEquals(2, t.framesDropped());
        assertEquals(75_000, t.bytesSent());
        assertEquals(3, t.reconnects());
        assertEquals(1, t.viewers());
        assertEquals(15.0, t.inputFps(), 1.0);
        assertEquals(90, t.latency().count());
    }

    @Test
    void latencyFallsIntoTheRightBucketsCumulatively() {
        StreamMeter stream = metrics.openStream("demo");
        ViewerMeter v = stream.openViewer("v", 15);
        long[] latenciesMicros = {0, 5_000, 5_001, 40_000, 100_000, 700_000, 2_500_000, 9_000_000, -3_000};
        for (long l : latenciesMicros) {
            v.frameSent(100, epochMicros, epochMicros + l);
        }
        CameraTotals.Histogram h = totals("demo").latency();
        assertEquals(List.of(5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0), h.upperBoundsMs());
        // le 5 ms: 0, 5000 us (on the bound) and the negative one counted as 0
        assertEquals(List.of(3L, 4L, 4L, 5L, 6L, 6L, 6L, 7L, 8L), h.cumulativeCounts());
        assertEquals(9, h.count());
        assertEquals((5_000 + 5_001 + 40_000 + 100_000 + 700_000 + 2_500_000 + 9_000_000) / 1000.0, h.sumMs(), 1e-9);
    }

    @Test
    void camerasAreListedSortedAndApart() {
        metrics.openStream("b").packetReceived(1);
        metrics.openStream("a").reconnecting();
        assertEquals(List.of("a", "b"), metrics.totals().stream().map(CameraTotals::cameraId).toList());
        assertEquals(0, totals("a").framesReceived());
        assertEquals(1, totals("a").reconnects());
        assertEquals(1, totals("b").framesReceived());
    }

    @Test
    void twoOpenMetersOfOneCameraAddTheirViewers() {
        StreamMeter old = metrics.openStream("demo");
        old.openViewer("a", 15);
        StreamMeter next = metrics.openStream("demo");
        next.openViewer("b", 15);
        next.openViewer("c", 15);
        assertEquals(3, totals("demo").viewers());
        old.close();
        assertEquals(2, totals("demo").viewers());
        old.close();
        assertEquals(2, totals("demo").viewers(), "closing twice changes nothing");
    }

    @Test
    void aFullTableForgetsOnlyCamerasWithoutAnOpenMeter() {
        StreamMeter live = metrics.openStream("live");
        live.packetReceived(1);
        for (int i = 1; i < Metrics.MAX_CAMERAS; i++) {
            metrics.openStream("gone-" + i).close();
        }
        metrics.openStream("new").close();
        List<String> ids = metrics.totals().stream().map(CameraTotals::cameraId).toList();
        assertEquals(List.of("live", "new"), ids);
        assertEquals(1, totals("live").framesReceived());
        live.packetReceived(1);
        assertEquals(2, totals("live").framesReceived());
        assertTrue(metrics.streams().stream().anyMatch(s -> s.cameraId().equals("live")));
    }
}
