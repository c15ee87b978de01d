package org.ucv.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.VideoFrame;
import org.ucv.api.stream.ViewerRequest;

class ViewerSlotTest {
    private static final long FRAME_15 = 1_000_000 / 15;

    private final TestMetrics.Viewer meter = new TestMetrics.Viewer(15);

    private ViewerSlot slot(int fps, StreamViewer viewer) {
        return new ViewerSlot("v1", "cam", new ViewerRequest(Quality.MEDIUM, fps, "jpeg", 0), viewer, meter);
    }

    private static VideoFrame frame(long seq) {
        return new VideoFrame(new byte[] {(byte) seq}, "jpeg", 1, 1, Quality.MEDIUM, seq * FRAME_15, 0, seq);
    }

    /** How many of {@code seconds} of a 15 fps stream the gate lets through. */
    private int passed(int fps, int seconds) {
        ViewerSlot s = slot(fps, RecordingViewer.fast());
        int n = 0;
        for (long i = 0; i < 15L * seconds; i++) {
            long capture = 1_700_000_000_000_000L + i * FRAME_15;
            if (s.due(capture)) {
                s.accept(capture);
                n++;
            }
        }
        return n;
    }

    @Test
    void fpsGateMeetsTheViewersRateFromA15FpsSource() {
        for (int fps : new int[] {1, 2, 5, 7, 10, 12, 15}) {
            int n = passed(fps, 10);
            // The tolerance may let the second frame in a little early: one extra at most.
            assertTrue(n >= fps * 10 && n <= fps * 10 + 1, "fps " + fps + " passed " + n + " in 10 s");
        }
        assertEquals(150, passed(30, 10), "never more than the source");
    }

    @Test
    void fpsGateRestartsAfterTheClockStepsBack() {
        ViewerSlot s = slot(5, RecordingViewer.fast());
        s.accept(10_000_000);
        assertFalse(s.due(10_100_000));
        assertTrue(s.due(1_000_000), "a clock step back does not starve the viewer");
    }

    @Test
    void mailboxOfOneKeepsOnlyTheNewestWhileAFrameIsInFlight() {
        RecordingViewer stuck = RecordingViewer.stuck();
        ViewerSlot s = slot(15, stuck);
        for (int i = 1; i <= 100; i++) {
            s.offer(frame(i));
        }
        assertEquals(1, stuck.frames().size(), "one in flight");
        assertEquals(98, meter.dropped.get(), "the others were replaced; one waits");

        stuck.pendingDone.get(0).run();
        stuck.pendingDone.get(0).run();
        assertEquals(2, stuck.frames().size(), "done runs once per frame");
        assertEquals(100, stuck.frames().get(1).sequence(), "the newest one");
        stuck.pendingDone.get(1).run();
        assertEquals(2, stuck.frames().size(), "nothing was left waiting");
        s.offer(frame(101));
        assertEquals(3, stuck.frames().size(), "the mailbox is free again: the next frame goes at once");
        assertEquals(3, meter.sent.get());
        assertEquals(98, meter.dropped.get());
    }

    @Test
    void aFrameFinishedInsideDeliverLetsTheNextGoAtOnce() {
        RecordingViewer fast = RecordingViewer.fast();
        ViewerSlot s = slot(15, fast);
        for (int i = 1; i <= 10; i++) {
            s.offer(frame(i));
        }
        assertEquals(10, fast.frames().size());
        assertEquals(0, meter.dropped.get());
    }

    @Test
    void closeWaitsForADeliveryOnAnotherThreadAndStopsAllLaterOnes() throws Exception {
        CountDownLatch inDeliver = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingViewer after = RecordingViewer.fast();
        StreamViewer blocking = new StreamViewer() {
            @Override
            public void deliver(VideoFrame frame, Runnable done) {
                inDeliver.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                after.deliver(frame, done);
            }

            @Override
            public void event(StreamEvent event) {
                after.event(event);
            }
        };
        ViewerSlot s = slot(15, blocking);
        Thread worker = new Thread(() -> s.offer(frame(1)), "test-deliver");
        worker.start();
        assertTrue(inDeliver.await(5, TimeUnit.SECONDS));

        Thread closer = new Thread(() -> s.closeWith(StreamEvent.error(org.ucv.api.spi.ErrorCode.CAMERA_REMOVED,
                "gone", true)), "test-close");
        closer.start();
        closer.join(200);
        assertTrue(closer.isAlive(), "close waits for the delivery in progress");
        release.countDown();
        closer.join(5_000);
        worker.join(5_000);
        assertFalse(closer.isAlive());
        assertTrue(after.calls.get(0) instanceof VideoFrame);
        assertTrue(after.calls.get(1) instanceof StreamEvent, "the last event comes after the frame");

        s.offer(frame(2));
        s.event(StreamEvent.resumed("x"));
        assertEquals(2, after.calls.size(), "nothing after close");
        assertTrue(meter.closed);
    }

    @Test
    void aViewerMayCloseItselfFromInsideDeliver() {
        ViewerSlot[] self = new ViewerSlot[1];
        RecordingViewer inner = RecordingViewer.fast();
        StreamViewer closing = new StreamViewer() {
            @Override
            public void deliver(VideoFrame frame, Runnable done) {
                inner.deliver(frame, done);
                self[0].close();
            }

            @Override
            public void event(StreamEvent event) {
            }
        };
        self[0] = slot(15, closing);
        VideoFrame f = frame(1);
        self[0].offer(f);
        self[0].offer(frame(2));
        assertEquals(1, inner.frames().size());
        assertSame(f, inner.frames().get(0));
    }
}
