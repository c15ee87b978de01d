package org.ucv.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

/** Counts one viewer. Thread-safe; every call is cheap. */
@ProviderType
public interface ViewerMeter extends AutoCloseable {
    /** @param fps the fps the viewer asks for now */
    void targetFps(int fps);

    /**
     * @param bytes the frame's size
     * @param captureEpochMicros when its packet arrived at the server
     * @param sentEpochMicros when it was handed to the viewer's connection
     */
    void frameSent(int bytes, long captureEpochMicros, long sentEpochMicros);

    /** A frame was skipped because the viewer was still busy. */
    void frameDropped();

    ViewerMetrics snapshot();

    /** Idempotent. */
    @Override
    void close();
}
