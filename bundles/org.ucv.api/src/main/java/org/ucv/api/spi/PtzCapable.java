package org.ucv.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** A capability of a {@link StreamSourceFactory}: pan, tilt and zoom. */
@ConsumerType
public interface PtzCapable {
    /**
     * Starts a continuous move; speeds are in -1..1 (0 = no move on that axis).
     *
     * @param camera the camera
     * @param pan pan speed
     * @param tilt tilt speed
     * @param zoom zoom speed
     * @throws SourceException with the cause's code
     */
    void move(CameraConfig camera, double pan, double tilt, double zoom) throws SourceException;

    /**
     * Stops any move.
     *
     * @param camera the camera
     * @throws SourceException with the cause's code
     */
    void stop(CameraConfig camera) throws SourceException;
}
