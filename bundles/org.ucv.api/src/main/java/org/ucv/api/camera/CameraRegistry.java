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
