package org.ucv.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

/** Counts one camera session. Thread-safe; every call is cheap (no allocation per call). */
@ProviderType
public interface StreamMeter extends AutoCloseable {
    /** @param bytes size of a packet that arrived */
    void packetReceived(int bytes);

    void packetCorrupt();

    void packetDropped();

    void frameDecoded();

    void frameEncoded();

    /** A decoder was opened for this stream (passthrough streams open none). */
    void decoderOpened();

    /**
     * The camera connection was lost or failed and a reconnect is scheduled; counted in the
     * camera's {@link CameraTotals#reconnects()}. The default counts nothing (test doubles
     * written against 1.1 still compile).
     *
     * @since 1.2
     */
    default void reconnecting() {
    }

    /**
     * @param viewerId a unique id of the viewer
     * @param targetFps the fps it asked for
     * @return a meter for that viewer, counted in this stream's figures until closed
     */
    ViewerMeter openViewer(String viewerId, int targetFps);

    StreamMetrics snapshot();

    /** Removes the stream from {@link MetricsService#streams()}. Idempotent. */
    @Override
    void close();
}
