package org.ucv.api.stream;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.ucv.api.camera.CameraState;

/**
 * Live streams of the configured cameras. One camera session per camera whatever the number of
 * viewers: it starts with the first viewer and stops a short linger after the last one leaves.
 */
@ProviderType
public interface StreamService {
    /**
     * Starts watching a camera. Returns at once; frames and events follow on the viewer.
     *
     * @param cameraId the camera
     * @param request what the viewer wants
     * @param viewer where frames and events go
     * @return the subscription; close it when the viewer leaves
     * @throws StreamException {@code camera_not_found}, {@code unsupported_format} or
     *         {@code too_many_viewers}
     */
    ViewerSession open(String cameraId, ViewerRequest request, StreamViewer viewer) throws StreamException;

    /** @return the image formats viewers can ask for (at least {@code jpeg}) */
    Set<String> formats();

    /** @return the camera sessions running now */
    List<StreamInfo> streams();

    /**
     * @param cameraId the camera
     * @return its state now ({@link CameraState#IDLE} when configured but not watched)
     * @throws StreamException {@code camera_not_found}
     */
    CameraState state(String cameraId) throws StreamException;

    /**
     * A running camera session.
     *
     * @param cameraId the camera
     * @param state its state
     * @param viewers how many viewers watch it
     * @param renditions how many renditions (quality x width) it encodes
     * @param lastError the last error's text, or null
     */
    record StreamInfo(String cameraId, CameraState state, int viewers, int renditions, String lastError) {
    }
}
