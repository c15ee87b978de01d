package org.ucv.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.metrics.ViewerMeter;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.VideoFrame;
import org.ucv.api.stream.ViewerRequest;

/**
 * One viewer inside a camera session: its request, its fps gate and its mailbox of one.
 *
 * <p>The fps gate works on capture timestamps, not on when the worker gets to a frame, so queueing
 * jitter in the server does not change the rate; a quarter interval of tolerance lets a 15 fps
 * camera give a 10 fps viewer 10 frames a second instead of every other frame (7.5).
 *
 * <p>The viewer is called without any lock held (it may close its session from inside
 * {@code deliver}); {@link #close()} waits for calls running on other threads, which is what makes
 * "nothing is delivered after close returns" hold.
 */
final class ViewerSlot {
    private static final Logger LOG = LoggerFactory.getLogger(ViewerSlot.class);
    /** Viewer calls return at once by contract; this only bounds a broken one. */
    private static final long CLOSE_WAIT_MS = 2_000;

    private final String id;
    private final String cameraId;
    private final StreamViewer viewer;
    private final ViewerMeter meter;
    private volatile ViewerRequest request;
    /** The rendition the slot belongs to; guarded by the owning session's monitor. */
    private RenditionKey key;

    /** Touched by the session's worker thread only. */
    private long nextDueMicros = Long.MIN_VALUE;

    private boolean inFlight;
    private VideoFrame waiting;
    private boolean closed;
    /** Threads inside a viewer call now; one thread may appear twice when done runs inside deliver. */
    private final List<Thread> callers = new ArrayList<>(2);

    ViewerSlot(String id, String cameraId, ViewerRequest request, StreamViewer viewer, ViewerMeter meter) {
        this.id = id;
        this.cameraId = cameraId;
        this.request = request;
        this.viewer = viewer;
        this.meter = meter;
        this.key = RenditionKey.of(request);
    }

    ViewerRequest request() {
        return request;
    }

    ViewerMeter meter() {
        return meter;
    }

    RenditionKey key() {
        return key;
    }

    void request(ViewerRequest newRequest) {
        request = newRequest;
        key = RenditionKey.of(newRequest);
        meter.targetFps(newRequest.fps());
    }

    /**
     * @param captureMicros the capture time of the frame that could be made
     * @return true when this viewer wants a frame captured then
     */
    boolean due(long captureMicros) {
        long interval = intervalMicros();
        return nextDueMicros == Long.MIN_VALUE
                || captureMicros >= nextDueMicros - interval / 4
                || nextDueMicros - captureMicros > 2 * interval;
    }

    /** Books a frame captured at {@code captureMicros} against the fps budget. */
    void accept(long captureMicros) {
        long interval = intervalMicros();
        // Restart the schedule after a pause or a clock step back instead of bursting to catch up.
        if (nextDueMicros == Long.MIN_VALUE || captureMicros - nextDueMicros > interval
                || nextDueMicros - captureMicros > 2 * interval) {
            nextDueMicros = captureMicros;
        }
        nextDueMicros += interval;
    }

    private long intervalMicros() {
        return 1_000_000L / request.fps();
    }

    /** Hands the frame over now, or parks it (replacing an older parked one) while one is in flight. */
    void offer(VideoFrame frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (inFlight) {
                if (waiting != null) {
                    meter.frameDropped();
                }
                waiting = frame;
                return;
            }
            inFlight = true;
            callers.add(Thread.currentThread());
        }
        send(frame);
    }

    /** Called with {@code inFlight} set and the current thread registered as a caller. */
    private void send(VideoFrame frame) {
        AtomicBoolean once = new AtomicBoolean();
        meter.frameSent(frame.data().length, frame.captureEpochMicros(), EpochMicros.now());
        try {
            viewer.deliver(frame, () -> {
                if (once.compareAndSet(false, true)) {
                    sent();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Viewer {} of camera '{}' failed to take a frame", id, cameraId, e);
            synchronized (this) {
                inFlight = false;
            }
        } finally {
            leave();
        }
    }

    private void sent() {
        VideoFrame next;
        synchronized (this) {
            next = closed ? null : waiting;
            waiting = null;
            if (next == null) {
                inFlight = false;
                return;
            }
            callers.add(Thread.currentThread());
        }
        send(next);
    }

    void event(StreamEvent event) {
        synchronized (this) {
            if (closed) {
                return;
            }
            callers.add(Thread.currentThread());
        }
        try {
            viewer.event(event);
        } catch (RuntimeException e) {
            LOG.warn("Viewer {} of camera '{}' failed to take event {}", id, cameraId, event.kind(), e);
        } finally {
            leave();
        }
    }

    private synchronized void leave() {
        callers.remove(Thread.currentThread());
        notifyAll();
    }

    /** No deliver or event reaches the viewer after this returns. Idempotent. */
    void close() {
        closeWith(null);
    }

    /**
     * Closes the slot, then tells the viewer {@code last} (when not null and the slot was open):
     * the viewer gets no frame after that event.
     */
    void closeWith(StreamEvent last) {
        boolean tell;
        synchronized (this) {
            tell = !closed && last != null;
            closed = true;
            waiting = null;
            awaitOtherCalls();
            if (tell) {
                callers.add(Thread.currentThread());
            }
        }
        if (tell) {
            try {
                viewer.event(last);
            } catch (RuntimeException e) {
                LOG.warn("Viewer {} of camera '{}' failed to take event {}", id, cameraId, last.kind(), e);
            } finally {
                leave();
            }
        }
        meter.close();
    }

    private void awaitOtherCalls() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        long left;
        while (othersCalling() && (left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (othersCalling()) {
            LOG.warn("Viewer {} of camera '{}' did not return from a call within {} ms", id, cameraId, CLOSE_WAIT_MS);
        }
    }

    private boolean othersCalling() {
        Thread me = Thread.currentThread();
        for (Thread t : callers) {
            if (t != me) {
                return true;
            }
        }
        return false;
    }
}
