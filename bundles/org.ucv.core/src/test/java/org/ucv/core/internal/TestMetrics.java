package org.ucv.core.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.ucv.api.metrics.MetricsService;
import org.ucv.api.metrics.StreamMeter;
import org.ucv.api.metrics.StreamMetrics;
import org.ucv.api.metrics.ViewerMeter;
import org.ucv.api.metrics.ViewerMetrics;

/** A metrics double that only counts. */
final class TestMetrics implements MetricsService {
    final List<Stream> opened = new CopyOnWriteArrayList<>();

    @Override
    public StreamMeter openStream(String cameraId) {
        Stream s = new Stream(cameraId);
        opened.add(s);
        return s;
    }

    @Override
    public List<StreamMetrics> streams() {
        return opened.stream().filter(s -> !s.closed).map(Stream::snapshot).toList();
    }

    /** @return the newest meter of the camera */
    Stream stream(String cameraId) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            if (opened.get(i).cameraId.equals(cameraId)) {
                return opened.get(i);
            }
        }
        throw new AssertionError("no stream meter for " + cameraId);
    }

    static final class Stream implements StreamMeter {
        final String cameraId;
        final AtomicLong packets = new AtomicLong();
        final AtomicLong corrupt = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong decoded = new AtomicLong();
        final AtomicLong encoded = new AtomicLong();
        final AtomicLong decoders = new AtomicLong();
        final AtomicLong reconnects = new AtomicLong();
        final Map<String, Viewer> viewers = new ConcurrentHashMap<>();
        volatile boolean closed;

        Stream(String cameraId) {
            this.cameraId = cameraId;
        }

        @Override public void packetReceived(int bytes) { packets.incrementAndGet(); }
        @Override public void packetCorrupt() { corrupt.incrementAndGet(); }
        @Override public void packetDropped() { dropped.incrementAndGet(); }
        @Override public void frameDecoded() { decoded.incrementAndGet(); }
        @Override public void frameEncoded() { encoded.incrementAndGet(); }
        @Override public void decoderOpened() { decoders.incrementAndGet(); }
        @Override public void reconnecting() { reconnects.incrementAndGet(); }

        @Override
        public ViewerMeter openViewer(String viewerId, int targetFps) {
            Viewer v = new Viewer(targetFps);
            viewers.put(viewerId, v);
            return v;
        }

        @Override
        public StreamMetrics snapshot() {
            return new StreamMetrics(cameraId, 0, packets.get(), corrupt.get(), dropped.get(), decoded.get(),
                    encoded.get(), decoders.get(), 0, (int) viewers.values().stream().filter(v -> !v.closed).count(), 0, 100);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class Viewer implements ViewerMeter {
        final AtomicInteger targetFps;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        volatile boolean closed;

        Viewer(int targetFps) {
            this.targetFps = new AtomicInteger(targetFps);
        }

        @Override public void targetFps(int fps) { targetFps.set(fps); }
        @Override public void frameSent(int bytes, long captureEpochMicros, long sentEpochMicros) { sent.incrementAndGet(); }
        @Override public void frameDropped() { dropped.incrementAndGet(); }

        @Override
        public ViewerMetrics snapshot() {
            return new ViewerMetrics(0, targetFps.get(), sent.get(), dropped.get(), 0, 0, 0, 0, 100);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
