package org.ucv.metrics.internal;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code /health} document: {@code {"status":"ok"|"degraded","cameras":N,"failing":[...]}}.
 * A failing camera makes the server "degraded", never "down": the server itself answers, so the
 * endpoint always says 200, and a load balancer does not take the server out for one camera.
 */
public final class HealthReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HealthReport() {
    }

    /**
     * @param cameras every camera and refused configuration
     * @return the JSON text
     */
    public static String json(List<CameraStatus> cameras) {
        ObjectNode root = MAPPER.createObjectNode();
        List<CameraStatus> failing = cameras.stream().filter(CameraStatus::failing).toList();
        root.put("status", failing.isEmpty() ? "ok" : "degraded");
        root.put("cameras", cameras.size());
        ArrayNode list = root.putArray("failing");
        for (CameraStatus c : failing) {
            ObjectNode f = list.addObject();
            f.put("camera_id", c.cameraId());
            f.put("state", c.state().wire());
            f.put("last_error", c.lastError());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
