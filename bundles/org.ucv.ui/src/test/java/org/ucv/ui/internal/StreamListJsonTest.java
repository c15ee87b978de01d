package org.ucv.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucv.api.camera.CameraState;
import org.ucv.api.metrics.StreamMetrics;
import org.ucv.api.stream.StreamService.StreamInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class StreamListJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesEverySessionWithItsFiguresSortedById() throws Exception {
        List<StreamInfo> sessions = List.of(
                new StreamInfo("garage", CameraState.STREAMING, 2, 1, null),
                new StreamInfo("door", CameraState.RECONNECTING, 1, 1, "camera 'door': 401"));
        List<StreamMetrics> figures = List.of(
                new StreamMetrics("garage", 15.0, 300, 1, 2, 299, 310, 1, 20.5, 2, 6.5, 98.0),
                new StreamMetrics("door", 0.0, 0, 0, 0, 0, 0, 0, 3.0, 1, 0.0, 0.0));

        JsonNode list = JSON.readTree(StreamListJson.write(sessions, figures));

        assertEquals(2, list.size());
        JsonNode door = list.get(0);
        assertEquals("door", door.get("camera_id").asText());
        assertEquals("reconnecting", door.get("state").asText());
        assertEquals("camera 'door': 401", door.get("last_error").asText());
        JsonNode garage = list.get(1).get("metrics");
        assertEquals(1, garage.get("decoders_opened").asLong());
        assertEquals(299, garage.get("frames_decoded").asLong());
        assertEquals(15.0, garage.get("input_fps").asDouble());
        assertEquals(98.0, garage.get("health_score").asDouble());
        assertTrue(list.get(1).get("last_error").isNull());
    }

    @Test
    void aSessionWithoutFiguresHasNoMetricsObject() throws Exception {
        JsonNode list = JSON.readTree(StreamListJson.write(
                List.of(new StreamInfo("demo", CameraState.CONNECTING, 1, 0, null)), List.of()));
        assertFalse(list.get(0).has("metrics"));
    }
}
