package org.ucv.metrics.internal;

/**
 * The health score, 0-100, of a viewer and of a stream. The formula and worked examples are in
 * docs/metrics.md; keep the two in step.
 */
final class HealthScore {
    /** A viewer or stream younger than this is not judged on its rate yet. */
    static final double WARM_UP_SECONDS = 2.0;
    /** Latency up to this costs nothing. */
    static final double LATENCY_FREE_MS = 250.0;
    /** Latency at or above this scores zero. */
    static final double LATENCY_ZERO_MS = 2250.0;
    /** The share of a dropped frame's weight that is lost (the rest is already lost in fps). */
    static final double DROP_WEIGHT = 0.5;

    private HealthScore() {
    }

    /**
     * @param ageSeconds how long the viewer has existed
     * @param fps frames delivered per second over the window
     * @param expectedFps the fps the viewer can expect: what it asked for, capped at what the
     *        camera sends (0 or less: no target)
     * @param frames frames delivered in the window
     * @param drops frames dropped in the window because the viewer was busy
     * @param latencyMs mean capture-to-send latency over the window
     * @return the score, rounded to one decimal
     */
    static double viewer(double ageSeconds, double fps, double expectedFps, long frames, long drops, double latencyMs) {
        double rate;
        if (ageSeconds < WARM_UP_SECONDS) {
            rate = 1.0;
        } else if (expectedFps > 0) {
            rate = Math.min(fps / expectedFps, 1.0);
        } else {
            rate = fps > 0 ? 1.0 : 0.0;
        }
        double latency = frames == 0 ? 1.0 : latencyFactor(latencyMs);
        double delivery = frames + drops == 0 ? 1.0 : 1.0 - DROP_WEIGHT * drops / (double) (frames + drops);
        return round(100.0 * rate * latency * delivery);
    }

    /**
     * @param ageSeconds how long the stream has existed
     * @param packets packets received in the window
     * @param lost packets of the window that were corrupt or dropped
     * @param viewerScoreSum the sum of the open viewers' scores
     * @param viewers the number of open viewers
     * @return the score, rounded to one decimal
     */
    static double stream(double ageSeconds, long packets, long lost, double viewerScoreSum, int viewers) {
        double input;
        if (packets == 0) {
            input = ageSeconds < WARM_UP_SECONDS ? 1.0 : 0.0;
        } else {
            input = clamp(1.0 - lost / (double) packets);
        }
        double viewing = viewers == 0 ? 1.0 : viewerScoreSum / viewers / 100.0;
        return round(100.0 * input * viewing);
    }

    static double latencyFactor(double latencyMs) {
        return clamp(1.0 - (latencyMs - LATENCY_FREE_MS) / (LATENCY_ZERO_MS - LATENCY_FREE_MS));
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    private static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
