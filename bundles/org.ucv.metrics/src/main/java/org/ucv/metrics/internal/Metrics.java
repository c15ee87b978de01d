package org.ucv.metrics.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.ucv.api.metrics.MetricsService;
import org.ucv.api.metrics.StreamMeter;
import org.ucv.api.metrics.StreamMetrics;

/** The open stream meters; a plain class so tests drive it with their own clock. */
public class Metrics implements MetricsService {
    private final MeterClock clock;
    private final Set<DefaultStreamMeter> streams = ConcurrentHashMap.newKeySet();

    /** @param nanos a monotonic clock in nanoseconds */
    public Metrics(LongSupplier nanos) {
        this.clock = new MeterClock(nanos);
    }

    @Override
    public StreamMeter openStream(String cameraId) {
        DefaultStreamMeter meter = new DefaultStreamMeter(Objects.requireNonNull(cameraId, "cameraId"), clock,
                streams::remove);
        streams.add(meter);
        return meter;
    }

    @Override
    public List<StreamMetrics> streams() {
        return streams.stream().map(DefaultStreamMeter::snapshot)
                .sorted(Comparator.comparing(StreamMetrics::cameraId)).toList();
    }
}
