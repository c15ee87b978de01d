package org.ucv.console.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraRegistry.InvalidCamera;
import org.ucv.api.camera.CameraState;
import org.ucv.api.metrics.MetricsService;
import org.ucv.api.metrics.StreamMetrics;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamService.StreamInfo;

/** Joins what the registry, the stream service and the metrics know about each camera. */
public final class CameraOverview {
    private CameraOverview() {
    }

    /**
     * @param registry the cameras
     * @param streams states and running sessions
     * @param metrics fps and latency of running sessions
     * @param held the cameras the console holds a keep-alive viewer on
     * @return the valid cameras sorted by id, then the refused configurations
     */
    public static List<CameraRow> rows(CameraRegistry registry, StreamService streams, MetricsService metrics,
                                       Set<String> held) {
        Map<String, StreamInfo> running = new HashMap<>();
        for (StreamInfo info : streams.streams()) {
            running.put(info.cameraId(), info);
        }
        Map<String, StreamMetrics> figures = new HashMap<>();
        for (StreamMetrics m : metrics.streams()) {
            figures.put(m.cameraId(), m);
        }
        List<CameraRow> rows = new ArrayList<>();
        for (CameraConfig camera : registry.cameras()) {
            StreamInfo info = running.get(camera.id());
            StreamMetrics m = info == null ? null : figures.get(camera.id());
            rows.add(new CameraRow(camera.id(), null, camera.name(), camera.protocol(), state(streams, camera, info),
                    info == null ? 0 : info.viewers(), m == null ? null : m.inputFps(),
                    m == null ? null : m.latencyMs(), info == null ? null : camera.redact(info.lastError()),
                    address(camera), camera.enabled(), held.contains(camera.id())));
        }
        for (InvalidCamera invalid : registry.invalid()) {
            rows.add(new CameraRow(invalid.id(), invalid.pid(), null, null, CameraState.INVALID_CONFIG.wire(), 0, null,
                    null, CameraConfig.maskUserInfo(invalid.reason()), null, false, false));
        }
        return rows;
    }

    /**
     * @param camera a camera
     * @return its URL with the user info masked, else {@code host[:port][/path]}, else null
     */
    public static String address(CameraConfig camera) {
        if (camera.url().isPresent()) {
            return CameraConfig.maskUserInfo(camera.url().get());
        }
        if (camera.host().isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(camera.host().get());
        if (camera.port() > 0) {
            out.append(':').append(camera.port());
        }
        camera.path().ifPresent(p -> out.append(p.startsWith("/") ? "" : "/").append(p));
        return camera.redact(out.toString());
    }

    private static String state(StreamService streams, CameraConfig camera, StreamInfo info) {
        if (info != null) {
            return info.state().wire();
        }
        try {
            return streams.state(camera.id()).wire();
        } catch (StreamException e) {
            // Deleted between the two reads: the next listing will not show it.
            return "removed";
        }
    }
}
