package org.ucv.api.stream;

import org.osgi.annotation.versioning.ProviderType;
import org.ucv.api.metrics.ViewerMetrics;

/** One viewer's subscription to one camera, returned by {@link StreamService#open}. */
@ProviderType
public interface ViewerSession extends AutoCloseable {
    /** @return the camera's id */
    String cameraId();

    /** @return the request in force, with {@code maxWidth} already snapped */
    ViewerRequest request();

    /**
     * Changes quality, fps, format or width for this viewer; takes effect from the next frame.
     *
     * @param request the new request
     * @throws StreamException {@code unsupported_format} when the format cannot be served; the old
     *         request stays in force
     */
    void update(ViewerRequest request) throws StreamException;

    /** @return this viewer's figures now */
    ViewerMetrics metrics();

    /** Ends the subscription; no frame is delivered after it returns. Idempotent. */
    @Override
    void close();
}
