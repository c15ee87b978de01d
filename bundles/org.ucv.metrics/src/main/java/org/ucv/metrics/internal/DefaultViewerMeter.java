package org.ucv.metrics.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

import org.ucv.api.metrics.ViewerMeter;
import org.ucv.api.metrics.ViewerMetrics;

/** Counts one viewer. Every recording call is lock-free and allocates nothing. */
final class DefaultViewerMeter implements ViewerMeter {
    /** One sample above this is counted as this, so a stuck clock cannot saturate a bucket. */
    private static final long MAX_LATENCY_MICROS = 10_000_000L;

    private final MeterClock clock;
    private final long start;
    private final DoubleSupplier inputFps;
    private final Consumer<DefaultViewerMeter> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int targetFps;
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder droppedFrames = new LongAdder();
    private final RateWindow frames = new RateWindow();
    private final RateWindow bytes = new RateWindow();
    private final RateWindow latencyMicros = new RateWindow();
    private final RateWindow drops = new RateWindow();
    private final CameraCounters totals;

    DefaultViewerMeter(MeterClock clock, int targetFps, DoubleSupplier inputFps, CameraCounters totals,
                       Consumer<DefaultViewerMeter> onClose) {
        this.clock = clock;
        this.totals = totals;
        this.inputFps = inputFps;
        this.start = clock.now();
        this.targetFps = targetFps;
        this.onClose = onClose;
    }

    @Override
    public void targetFps(int fps) {
        this.targetFps = fps;
    }

    @Override
    public void frameSent(int bytes, long captureEpochMicros, long sentEpochMicros) {
        long second = clock.second(clock.now());
        long latency = sentEpochMicros - captureEpochMicros;
        framesSent.increment();
        frames.add(second, 1);
        this.bytes.add(second, Math.max(0, bytes));
        latencyMicros.add(second, Math.max(0, Math.min(MAX_LATENCY_MICROS, latency)));
        totals.sent.increment();
        totals.bytesSent.add(Math.max(0, bytes));
        totals.latency.observe(latency);
    }

    @Override
    public void frameDropped() {
        droppedFrames.increment();
        totals.dropped.increment();
        drops.add(clock.second(clock.now()), 1);
    }

    @Override
    public ViewerMetrics snapshot() {
        return snapshot(clock.now());
    }

    ViewerMetrics snapshot(long now) {
        long second = clock.second(now);
        long windowFrames = frames.sum(second);
        long windowDrops = drops.sum(second);
        double span = clock.spanSeconds(start, now);
        double uptime = MeterClock.seconds(now - start);
        long sent = framesSent.sum();
        double fps = windowFrames / span;
        double latencyMs = latencyMs(second);
        int target = targetFps;
        // A viewer asking more than the camera sends (the original client's default is 30 fps) is
        // judged against what the camera sends, or it would look unhealthy forever.
        double input = inputFps.getAsDouble();
        double expected = input > 0 ? Math.min(target, input) : target;
        return new ViewerMetrics(fps, target, sent, droppedFrames.sum(), uptime,
                uptime > 0 ? sent / uptime : 0.0, latencyMs, bytes.sum(second) / span,
                HealthScore.viewer(uptime, fps, expected, windowFrames, windowDrops, latencyMs));
    }

    /** @return frames sent in the window ending at {@code second} */
    long windowFrames(long second) {
        return frames.sum(second);
    }

    /** @return the summed capture-to-send latency of the window's frames, in microseconds */
    long windowLatencyMicros(long second) {
        return latencyMicros.sum(second);
    }

    private double latencyMs(long second) {
        long n = frames.sum(second);
        return n == 0 ? 0.0 : latencyMicros.sum(second) / 1000.0 / n;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }
}
