package org.ucv.api.camera;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.ucv.api.spi.CameraConfig;

/**
 * The configured cameras. Each camera is one ConfigAdmin factory configuration of
 * {@value #FACTORY_PID}; a second configuration with an id already taken is refused (logged, and
 * listed by {@link #invalid()}).
 */
@ProviderType
public interface CameraRegistry {
    /** The factory PID of camera configurations. */
    String FACTORY_PID = "org.ucv.camera";

    /**
     * Stores a new camera as a factory configuration (the same kind a {@code .cfg} file or the Web
     * Console makes), so it survives a restart. Returns once the configuration is stored; the
     * camera appears in {@link #cameras()} when ConfigAdmin has delivered it (usually milliseconds).
     *
     * @param camera the camera; its id must not be taken
     * @return the camera as stored
     * @throws CameraWriteException {@code INVALID} with field errors, {@code CONFLICT} when the id is taken
     * @since 1.1
     */
    CameraConfig create(CameraConfig camera) throws CameraWriteException;

    /**
     * Replaces a camera's configuration (the caller merges: every field is written as given,
     * the password included). A streaming camera restarts only its own session.
     *
     * @param camera the camera, identified by its id
     * @return the camera as stored
     * @throws CameraWriteException {@code INVALID} with field errors, {@code NOT_FOUND}
     * @since 1.1
     */
    CameraConfig update(CameraConfig camera) throws CameraWriteException;

    /**
     * Deletes a camera's configuration; its viewers get {@code camera_removed}. A camera that came
     * from a {@code .cfg} file in {@code load/} has its file deleted too, or it would come back.
     *
     * @param id the camera id
     * @throws CameraWriteException {@code NOT_FOUND}
     * @since 1.1
     */
    void delete(String id) throws CameraWriteException;

    /**
     * Checks a camera without storing it: the same rules as {@link #create}.
     *
     * @param camera the camera
     * @return field name (as in REST: {@code id}, {@code port}, ...) to message; empty when valid
     * @since 1.1
     */
    java.util.Map<String, String> validate(CameraConfig camera);

    /** @return the valid cameras, sorted by id */
    List<CameraConfig> cameras();

    /**
     * @param id a camera id
     * @return the camera, if configured and valid
     */
    Optional<CameraConfig> camera(String id);

    /** @return configurations that were refused, with the reason */
    List<InvalidCamera> invalid();

    /**
     * Registers a listener; it is called at once with {@link CameraListener#cameraChanged} for every
     * valid camera, then on every change.
     *
     * @param listener the listener
     */
    void addListener(CameraListener listener);

    /** @param listener a listener added before */
    void removeListener(CameraListener listener);

    /**
     * A configuration that was refused.
     *
     * @param pid the configuration's PID
     * @param id the camera id it claimed, or null
     * @param reason why it was refused
     */
    record InvalidCamera(String pid, String id, String reason) {
    }
}
