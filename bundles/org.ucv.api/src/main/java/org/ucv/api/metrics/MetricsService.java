package org.ucv.api.metrics;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Makes meters and lists what they count. A service of the metrics bundle. */
@ProviderType
public interface MetricsService {
    /**
     * @param cameraId the camera whose session starts
     * @return a new meter for that session
     */
    StreamMeter openStream(String cameraId);

    /** @return a snapshot of every open stream meter */
    List<StreamMetrics> streams();

    /**
     * Per camera figures that outlive a session: a camera's session (and its meter) ends a linger
     * after its last viewer leaves, but these counters keep counting across sessions until the
     * metrics service stops, as Prometheus counters must.
     *
     * @return the totals of every camera that has had a meter open since the service started,
     *         sorted by camera id; empty from an implementation that keeps none (the default, so
     *         that test doubles written against 1.1 still compile)
     * @since 1.2
     */
    default List<CameraTotals> totals() {
        return List.of();
    }
}
