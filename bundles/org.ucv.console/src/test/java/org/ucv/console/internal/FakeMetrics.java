package org.ucv.console.internal;

import java.util.ArrayList;
import java.util.List;

import org.ucv.api.metrics.MetricsService;
import org.ucv.api.metrics.StreamMeter;
import org.ucv.api.metrics.StreamMetrics;

/** Figures set by the test. */
final class FakeMetrics implements MetricsService {
    final List<StreamMetrics> streams = new ArrayList<>();

    FakeMetrics add(String cameraId, double fps, long dropped, double latencyMs) {
        streams.add(new StreamMetrics(cameraId, fps, 100, 0, dropped, 100, 100, 1, 10, 1, latencyMs, 95));
        return this;
    }

    @Override
    public StreamMeter openStream(String cameraId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StreamMetrics> streams() {
        return List.copyOf(streams);
    }
}
