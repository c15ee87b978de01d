package org.ucv.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ucv.api.camera.CameraState;
import org.ucv.api.spi.CameraConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CameraListJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CameraConfig door = CameraConfig.builder("door").name("Front door").protocol("rtsp")
            .url("rtsp://admin:s3cret@10.0.0.5:554/stream1").username("admin").password("hunter2").build();
    private final CameraConfig demo = CameraConfig.builder("demo").protocol("demo").build();

    @Test
    void listsIdNameProtocolAndStateOnly() throws Exception {
        JsonNode list = JSON.readTree(CameraListJson.write(List.of(demo, door),
                id -> Optional.of(id.equals("door") ? CameraState.PROTOCOL_MISSING : CameraState.STREAMING)));
        assertEquals(2, list.size());
        JsonNode first = list.get(0);
        assertEquals("demo", first.get("id").asText());
        assertEquals("demo", first.get("name").asText(), "the name defaults to the id");
        assertEquals("streaming", first.get("state").asText());
        JsonNode second = list.get(1);
        Set<String> fields = new HashSet<>();
        second.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("id", "name", "protocol", "state"), fields);
        assertEquals("Front door", second.get("name").asText());
        assertEquals("rtsp", second.get("protocol").asText());
        assertEquals("protocol_missing", second.get("state").asText());
    }

    @Test
    void neverWritesCredentials() {
        String json = CameraListJson.write(List.of(door), id -> Optional.of(CameraState.IDLE));
        for (String secret : new String[] {"hunter2", "s3cret", "admin", "10.0.0.5", "password", "url"}) {
            assertFalse(json.contains(secret), "the list holds " + secret + ": " + json);
        }
    }

    @Test
    void leavesOutACameraDeletedMeanwhile() throws Exception {
        JsonNode list = JSON.readTree(CameraListJson.write(List.of(demo, door),
                id -> id.equals("door") ? Optional.empty() : Optional.of(CameraState.IDLE)));
        assertEquals(1, list.size());
        assertEquals("demo", list.get(0).get("id").asText());
    }
}
