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
}
