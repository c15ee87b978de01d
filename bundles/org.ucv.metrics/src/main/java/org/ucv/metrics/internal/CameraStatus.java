package org.ucv.metrics.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraState;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;

/**
 * One camera's state for {@code /health} and {@code /metrics}: ids and states only, and the last
 * error as the core keeps it (already redacted of credentials).
 *
 * @param cameraId the camera id; for a refused configuration the id it claimed, or its
 *        configuration PID when it claimed none
 * @param state its state now
 * @param lastError the last error's text, or null
 * @param valid false for a refused configuration
 */
public record CameraStatus(String cameraId, CameraState state, String lastError, boolean valid) {
    /** The states that mean a camera is failing; the others (idle, connecting, streaming, disabled) are fine. */
    static final Set<CameraState> FAILING = Set.of(CameraState.RECONNECTING, CameraState.PROTOCOL_MISSING,
            CameraState.INVALID_CONFIG);

    /** @return whether this camera counts as failing in {@code /health} */
    public boolean failing() {
        return FAILING.contains(state);
    }

    /**
     * @return every configured camera (sorted by id) followed by the refused configurations
     */
    public static List<CameraStatus> read(CameraRegistry registry, StreamService streams) {
        Map<String, String> lastErrors = new HashMap<>();
        for (StreamService.StreamInfo info : streams.streams()) {
            if (info.lastError() != null) {
                lastErrors.put(info.cameraId(), info.lastError());
            }
        }
        List<CameraStatus> result = new ArrayList<>();
        for (CameraConfig camera : registry.cameras()) {
            CameraState state;
            try {
                state = streams.state(camera.id());
            } catch (StreamException e) {
                continue; // deleted between the two calls
            }
            // The core keeps its errors redacted already; masking again costs nothing and keeps a
            // plugin's slip from reaching a monitoring system.
            result.add(new CameraStatus(camera.id(), state, camera.redact(lastErrors.get(camera.id())), true));
        }
        for (CameraRegistry.InvalidCamera invalid : registry.invalid()) {
            result.add(new CameraStatus(invalid.id() != null ? invalid.id() : invalid.pid(), CameraState.INVALID_CONFIG,
                    CameraConfig.maskUserInfo(invalid.reason()), false));
        }
        return result;
    }
}
