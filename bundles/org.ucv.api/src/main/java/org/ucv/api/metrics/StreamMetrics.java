package org.ucv.api.metrics;

/**
 * One camera session's figures.
 *
 * @param cameraId the camera
 * @param inputFps packets (pictures) received per second over the last few seconds
 * @param packets packets received since the session started
 * @param corruptPackets packets that failed to decode and were skipped
 * @param droppedPackets packets dropped because the session's queue was full
 * @param framesDecoded pictures decoded
 * @param framesEncoded pictures encoded, summed over renditions
 * @param decodersOpened decoders opened since the session started (0 while every viewer is served
 *        the camera's own JPEG untouched)
 * @param uptimeSeconds seconds since the session started
 * @param viewers viewers now
 * @param latencyMs capture to send over all viewers, mean over the last few seconds
 * @param healthScore 0-100, see docs/metrics.md
 */
public record StreamMetrics(String cameraId, double inputFps, long packets, long corruptPackets, long droppedPackets,
                            long framesDecoded, long framesEncoded, long decodersOpened, double uptimeSeconds, int viewers,
                            double latencyMs, double healthScore) {
}
