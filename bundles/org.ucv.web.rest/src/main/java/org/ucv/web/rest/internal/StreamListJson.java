package org.ucv.web.rest.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ucv.api.metrics.StreamMetrics;
import org.ucv.api.stream.StreamService.StreamInfo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The running camera sessions with their figures, as {@code GET /api/streams} writes them: one
 * object per session, names in snake case like the rest of the wire. Session errors reach it
 * already redacted by the core. The names are those of the page's earlier read-only endpoint
 * (tests read {@code metrics.decoders_opened}).
 */
public final class StreamListJson {
    private StreamListJson() {
    }

    /**
     * @param sessions the running sessions ({@link org.ucv.api.stream.StreamService#streams()})
     * @param figures the stream meters' snapshots ({@link org.ucv.api.metrics.MetricsService#streams()})
     * @return a JSON array, one object per session, sorted by camera id
     */
    public static ArrayNode write(List<StreamInfo> sessions, List<StreamMetrics> figures) {
        Map<String, StreamMetrics> byCamera = figures.stream()
                .collect(Collectors.toMap(StreamMetrics::cameraId, Function.identity(), (a, b) -> a));
        ArrayNode list = Json.MAPPER.createArrayNode();
        sessions.stream().sorted((a, b) -> a.cameraId().compareTo(b.cameraId())).forEach(s -> {
            ObjectNode o = list.addObject();
            o.put("camera_id", s.cameraId());
            o.put("state", s.state().wire());
            o.put("viewers", s.viewers());
            o.put("renditions", s.renditions());
            o.put("last_error", s.lastError());
            StreamMetrics m = byCamera.get(s.cameraId());
            if (m != null) {
                ObjectNode f = o.putObject("metrics");
                f.put("input_fps", m.inputFps());
                f.put("packets", m.packets());
                f.put("corrupt_packets", m.corruptPackets());
                f.put("dropped_packets", m.droppedPackets());
                f.put("frames_decoded", m.framesDecoded());
                f.put("frames_encoded", m.framesEncoded());
                f.put("decoders_opened", m.decodersOpened());
                f.put("uptime_seconds", m.uptimeSeconds());
                f.put("viewers", m.viewers());
                f.put("latency_ms", m.latencyMs());
                f.put("health_score", m.healthScore());
            }
        });
        return list;
    }
}
