package org.ucv.api.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A capability of a {@link StreamSourceFactory}: pan, tilt and zoom. Presets are optional (SPI
 * 1.2.0): a factory without them keeps the defaults, which list none and refuse to go to one.
 */
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

    /**
     * @param camera the camera
     * @return the camera's stored positions, in the camera's order
     * @throws SourceException with the cause's code
     */
    default List<Preset> presets(CameraConfig camera) throws SourceException {
        return List.of();
    }

    /**
     * Moves to a stored position.
     *
     * @param camera the camera
     * @param token the preset's token from {@link #presets}
     * @throws SourceException {@link ErrorCode#INVALID_PARAMS} when the camera has no such preset
     */
    default void gotoPreset(CameraConfig camera, String token) throws SourceException {
        throw new SourceException(ErrorCode.INVALID_PARAMS, "camera '" + camera.id() + "' has no PTZ presets");
    }

    /**
     * A stored position.
     *
     * @param token the camera's handle for it
     * @param name its human name (the token when the camera gives none)
     */
    record Preset(String token, String name) {
    }
}
