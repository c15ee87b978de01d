package org.ucv.console.internal;

import java.util.Optional;

import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.stream.StreamException;
import org.ucv.console.internal.CamerasPage.Message;

/** What the page's buttons do: Test, Start and Stop, each answered with a message to show. */
public final class PageActions {
    private final CameraRegistry registry;
    private final CameraTools tools;
    private final KeepAlives keepAlives;

    public PageActions(CameraRegistry registry, CameraTools tools, KeepAlives keepAlives) {
        this.registry = registry;
        this.tools = tools;
        this.keepAlives = keepAlives;
    }

    /**
     * @param action {@link CamerasPage#ACTION_TEST}, {@link CamerasPage#ACTION_START} or {@link CamerasPage#ACTION_STOP}
     * @param cameraId the camera, from the form
     * @return the outcome to show
     */
    public Message perform(String action, String cameraId) {
        if (CamerasPage.ACTION_STOP.equals(action) && cameraId != null) {
            // A camera deleted since it was started can still be let go.
            return keepAlives.stop(cameraId)
                    ? new Message(false, cameraId + ": console keep-alive viewer stopped.")
                    : new Message(false, cameraId + ": the console held no viewer on it.");
        }
        Optional<CameraConfig> camera = cameraId == null ? Optional.empty() : registry.camera(cameraId);
        if (camera.isEmpty()) {
            return new Message(true, "No camera '" + (cameraId == null ? "" : cameraId) + "'.");
        }
        if (CamerasPage.ACTION_TEST.equals(action)) {
            CameraTools.TestResult result = tools.test(cameraId);
            return new Message(result.outcome() == CameraTools.Outcome.FAILED, result.text());
        }
        if (CamerasPage.ACTION_START.equals(action)) {
            try {
                return keepAlives.start(cameraId)
                        ? new Message(false, cameraId + ": console keep-alive viewer started; the camera connects.")
                        : new Message(false, cameraId + ": the console holds a viewer on it already.");
            } catch (StreamException e) {
                return new Message(true, cameraId + ": not started: " + e.code().wire() + ": "
                        + camera.get().redact(e.getMessage()));
            }
        }
        return new Message(true, "Unknown action '" + (action == null ? "" : action) + "'.");
    }
}
