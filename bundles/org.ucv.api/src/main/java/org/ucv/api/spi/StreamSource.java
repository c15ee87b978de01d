package org.ucv.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One open connection to one camera, created by {@link StreamSourceFactory#open}. It owns its own
 * named thread(s) (name them {@code ucv-<protocol>-<cameraId>}).
 */
@ConsumerType
public interface StreamSource extends AutoCloseable {
    /**
     * Stops the source. Idempotent; returns when the source's threads have ended (waiting a bounded
     * time, a few seconds at most), and after it returns the source calls its sink no more.
     */
    @Override
    void close();
}
