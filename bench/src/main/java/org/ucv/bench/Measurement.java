package org.ucv.bench;

/** CPU and wall time spent on a number of frames, and the JPEG bytes they made (-1: unknown). */
record Measurement(int frames, long cpuNanos, long wallNanos, long jpegBytes) {
    double cpuMsPerFrame() {
        return cpuNanos / 1e6 / frames;
    }

    double wallMsPerFrame() {
        return wallNanos / 1e6 / frames;
    }

    double jpegKiBPerFrame() {
        return jpegBytes / 1024.0 / frames;
    }
}
