package org.ucv.metrics.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.ucv.api.metrics.StreamMeter;
import org.ucv.api.metrics.StreamMetrics;
import org.ucv.api.metrics.ViewerMeter;
import org.ucv.api.metrics.ViewerMetrics;

/** Counts one camera session and the viewers opened on it. Recording calls are lock-free. */
final class DefaultStreamMeter implements StreamMeter {
    private final String cameraId;
    private final MeterClock clock;
    private final long start;
    private final Consumer<DefaultStreamMeter> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<DefaultViewerMeter> viewers = ConcurrentHashMap.newKeySet();
    private final LongAdder packets = new LongAdder();
    private final LongAdder corrupt = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder decoded = new LongAdder();
    private final LongAdder encoded = new LongAdder();
    private final LongAdder decoders = new LongAdder();
    private final RateWindow packetWindow = new RateWindow();
    private final RateWindow lostWindow = new RateWindow();
    private final CameraCounters totals;

    DefaultStreamMeter(String cameraId, MeterClock clock, CameraCounters totals, Consumer<DefaultStreamMeter> onClose) {
        this.cameraId = cameraId;
        this.clock = clock;
        this.totals = totals;
        this.start = clock.now();
        this.onClose = onClose;
    }

    String cameraId() {
        return cameraId;
    }

    /** The size is not kept: {@link StreamMetrics} has no input byte rate. */
    @Override
    public void packetReceived(int bytes) {
        packets.increment();
        totals.received.increment();
        packetWindow.add(clock.second(clock.now()), 1);
    }

    @Override
    public void packetCorrupt() {
        corrupt.increment();
        totals.corrupt.increment();
        lostWindow.add(clock.second(clock.now()), 1);
    }

    @Override
    public void packetDropped() {
        dropped.increment();
        totals.dropped.increment();
        lostWindow.add(clock.second(clock.now()), 1);
    }

    @Override
    public void frameDecoded() {
        decoded.increment();
        totals.decoded.increment();
    }

    @Override
    public void frameEncoded() {
        encoded.increment();
        totals.encoded.increment();
    }

    @Override
    public void decoderOpened() {
        decoders.increment();
    }

    @Override
    public void reconnecting() {
        totals.reconnects.increment();
    }

    /** Viewers are told apart by their meter object, so two viewers sharing an id never collide. */
    @Override
    public ViewerMeter openViewer(String viewerId, int targetFps) {
        DefaultViewerMeter viewer = new DefaultViewerMeter(clock, targetFps, this::inputFps, totals,
                viewers::remove);
        viewers.add(viewer);
        return viewer;
    }

    /** @return the viewers open now */
    int viewerCount() {
        return viewers.size();
    }

    /** @return packets per second over the window: the most fps any viewer of this stream can get */
    double inputFps() {
        long now = clock.now();
        return packetWindow.sum(clock.second(now)) / clock.spanSeconds(start, now);
    }

    @Override
    public StreamMetrics snapshot() {
        long now = clock.now();
        long second = clock.second(now);
        int viewerCount = 0;
        double scoreSum = 0;
        long viewerFrames = 0;
        long latencyMicros = 0;
        for (DefaultViewerMeter viewer : viewers) {
            ViewerMetrics m = viewer.snapshot(now);
            viewerCount++;
            scoreSum += m.healthScore();
            viewerFrames += viewer.windowFrames(second);
            latencyMicros += viewer.windowLatencyMicros(second);
        }
        double uptime = MeterClock.seconds(now - start);
        long windowPackets = packetWindow.sum(second);
        return new StreamMetrics(cameraId, windowPackets / clock.spanSeconds(start, now), packets.sum(),
                corrupt.sum(), dropped.sum(), decoded.sum(), encoded.sum(), decoders.sum(), uptime, viewerCount,
                viewerFrames == 0 ? 0.0 : latencyMicros / 1000.0 / viewerFrames,
                HealthScore.stream(uptime, windowPackets, lostWindow.sum(second), scoreSum, viewerCount));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }
}
