package org.ucv.api.metrics;

/**
 * One viewer's figures.
 *
 * @param fps frames delivered per second over the last few seconds
 * @param targetFps the fps the viewer asked for
 * @param framesSent frames delivered since the viewer started
 * @param droppedFrames frames this viewer skipped because it was still busy with an earlier one
 * @param uptimeSeconds seconds since the viewer started
 * @param avgFps frames sent / uptime
 * @param latencyMs capture to send, mean over the last few seconds
 * @param bytesPerSecond bytes delivered per second over the last few seconds
 * @param healthScore 0-100, see docs/metrics.md for the formula
 */
public record ViewerMetrics(double fps, int targetFps, long framesSent, long droppedFrames, double uptimeSeconds,
                            double avgFps, double latencyMs, double bytesPerSecond, double healthScore) {
}
