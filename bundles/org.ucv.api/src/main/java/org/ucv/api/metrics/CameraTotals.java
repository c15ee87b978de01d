package org.ucv.api.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One camera's figures since the metrics service started, summed over all its sessions and
 * viewers: counters only grow (Prometheus counters), gauges are read from the open meters.
 *
 * @param cameraId the camera
 * @param inputFps gauge: packets (pictures) received per second over the last few seconds; 0 while
 *        no session runs
 * @param viewers gauge: viewers now
 * @param framesReceived packets (pictures) received from the camera
 * @param framesCorrupt packets that failed to decode and were skipped
 * @param framesDecoded pictures decoded
 * @param framesEncoded pictures encoded, summed over renditions
 * @param framesSent frames handed to viewers, summed over viewers
 * @param framesDropped frames lost on the way: packets the session dropped (queue full, or waiting
 *        for a keyframe) plus frames a viewer skipped because it was still busy
 * @param bytesSent image bytes handed to viewers, summed over viewers
 * @param reconnects reconnects the core scheduled after the camera was lost or failed
 * @param latency capture-to-send latency of every frame sent
 * @since 1.2
 */
public record CameraTotals(String cameraId, double inputFps, int viewers, long framesReceived, long framesCorrupt,
                           long framesDecoded, long framesEncoded, long framesSent, long framesDropped, long bytesSent,
                           long reconnects, Histogram latency) {
    public CameraTotals {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(latency, "latency");
    }

    /**
     * A cumulative histogram, as Prometheus exposes one.
     *
     * @param upperBoundsMs the buckets' upper bounds in milliseconds, ascending (the implicit last
     *        bucket, +Inf, is not listed)
     * @param cumulativeCounts for each bound, the observations at or below it; the same size as
     *        {@code upperBoundsMs}, never decreasing
     * @param count all observations (the +Inf bucket); at least the last cumulative count
     * @param sumMs the sum of all observations in milliseconds
     */
    public record Histogram(List<Double> upperBoundsMs, List<Long> cumulativeCounts, long count, double sumMs) {
        public Histogram {
            upperBoundsMs = List.copyOf(upperBoundsMs);
            cumulativeCounts = List.copyOf(cumulativeCounts);
            if (upperBoundsMs.size() != cumulativeCounts.size()) {
                throw new IllegalArgumentException(upperBoundsMs.size() + " bounds but " + cumulativeCounts.size()
                        + " counts");
            }
        }
    }
}
