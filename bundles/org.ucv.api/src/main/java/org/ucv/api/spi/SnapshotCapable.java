package org.ucv.api.spi;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/** A capability of a {@link StreamSourceFactory}: one JPEG without opening a stream. */
@ConsumerType
public interface SnapshotCapable {
    /**
     * @param camera the camera
     * @param timeout the most this call may take
     * @return one complete JPEG image
     * @throws SourceException with the cause's code (e.g. {@link ErrorCode#AUTH_FAILED})
     */
    byte[] snapshot(CameraConfig camera, Duration timeout) throws SourceException;
}
