package org.ucv.metrics.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.ucv.api.metrics.CameraTotals;
import org.ucv.api.metrics.MetricsService;
import org.ucv.api.metrics.StreamMeter;
import org.ucv.api.metrics.StreamMetrics;

/** The open stream meters and each camera's totals; a plain class so tests drive it with their own clock. */
public class Metrics implements MetricsService {
    /**
     * Cameras whose totals are kept. Ids come from configured cameras, so only a server that
     * creates and deletes cameras under new ids for a long time gets here; then the cameras that
     * are not streaming are forgotten (their counters restart from 0, which Prometheus reads as a
     * reset) rather than memory growing forever.
     */
    static final int MAX_CAMERAS = 4096;

    private final MeterClock clock;
    private final Set<DefaultStreamMeter> streams = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, CameraCounters> cameras = new ConcurrentHashMap<>();

    /** @param nanos a monotonic clock in nanoseconds */
    public Metrics(LongSupplier nanos) {
        this.clock = new MeterClock(nanos);
    }

    @Override
    public StreamMeter openStream(String cameraId) {
        Objects.requireNonNull(cameraId, "cameraId");
        if (cameras.size() >= MAX_CAMERAS && !cameras.containsKey(cameraId)) {
            forgetIdleCameras();
        }
        // Counted as open inside compute: forgetIdleCameras removes under the same bin lock, so it
        // never drops the counters of a meter being opened.
        CameraCounters counters = cameras.compute(cameraId, (id, c) -> {
            CameraCounters next = c != null ? c : new CameraCounters(id);
            next.openMeters.incrementAndGet();
            return next;
        });
        DefaultStreamMeter meter = new DefaultStreamMeter(cameraId, clock, counters, m -> {
            streams.remove(m);
            counters.openMeters.decrementAndGet();
        });
        streams.add(meter);
        return meter;
    }

    private void forgetIdleCameras() {
        for (String id : cameras.keySet()) {
            cameras.computeIfPresent(id, (k, c) -> c.openMeters.get() == 0 ? null : c);
        }
    }

    @Override
    public List<StreamMetrics> streams() {
        return streams.stream().map(DefaultStreamMeter::snapshot)
                .sorted(Comparator.comparing(StreamMetrics::cameraId)).toList();
    }

    @Override
    public List<CameraTotals> totals() {
        // Normally one meter per camera; while a session is replaced two may be open for a moment:
        // viewers add up, and the newer input rate is the one still counting (take the larger).
        Map<String, double[]> live = new HashMap<>();
        for (DefaultStreamMeter m : streams) {
            double[] v = live.computeIfAbsent(m.cameraId(), k -> new double[2]);
            v[0] = Math.max(v[0], m.inputFps());
            v[1] += m.viewerCount();
        }
        return cameras.values().stream().map(c -> {
            double[] v = live.getOrDefault(c.cameraId, new double[2]);
            return c.totals(v[0], (int) v[1]);
        }).sorted(Comparator.comparing(CameraTotals::cameraId)).toList();
    }
}
