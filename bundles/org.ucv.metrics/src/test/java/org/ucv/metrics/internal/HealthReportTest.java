package org.ucv.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucv.api.camera.CameraState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class HealthReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void camerasThatAreFineMakeTheServerOk() throws Exception {
        JsonNode h = JSON.readTree(HealthReport.json(List.of(
                new CameraStatus("a", CameraState.IDLE, null, true),
                new CameraStatus("b", CameraState.STREAMING, null, true),
                new CameraStatus("c", CameraState.CONNECTING, null, true),
                new CameraStatus("d", CameraState.DISABLED, null, true))));
        assertEquals("ok", h.get("status").asText());
        assertEquals(4, h.get("cameras").asInt());
        assertEquals(0, h.get("failing").size());
    }

    @Test
    void failingCamerasAreNamedWithStateAndLastError() throws Exception {
        JsonNode h = JSON.readTree(HealthReport.json(List.of(
                new CameraStatus("a", CameraState.STREAMING, null, true),
                new CameraStatus("gate", CameraState.RECONNECTING, "camera 'gate': connection refused", true),
                new CameraStatus("onvif1", CameraState.PROTOCOL_MISSING, null, true),
                new CameraStatus("dup", CameraState.INVALID_CONFIG, "camera id 'dup' is already used", false))));
        assertEquals("degraded", h.get("status").asText());
        assertEquals(4, h.get("cameras").asInt());
        JsonNode failing = h.get("failing");
        assertEquals(3, failing.size());
        assertEquals("gate", failing.get(0).get("camera_id").asText());
        assertEquals("reconnecting", failing.get(0).get("state").asText());
        assertEquals("camera 'gate': connection refused", failing.get(0).get("last_error").asText());
        assertEquals("protocol_missing", failing.get(1).get("state").asText());
        assertEquals(true, failing.get(1).get("last_error").isNull());
        assertEquals("invalid_config", failing.get(2).get("state").asText());
    }
}
