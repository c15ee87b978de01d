package org.ucv.api.camera;

import org.osgi.annotation.versioning.ConsumerType;
import org.ucv.api.spi.CameraConfig;

/** Told of camera configuration changes. Calls come from the registry's thread; return quickly. */
@ConsumerType
public interface CameraListener {
    /** @param camera a camera that was added or changed */
    void cameraChanged(CameraConfig camera);

    /** @param cameraId a camera that was deleted */
    void cameraRemoved(String cameraId);
}
