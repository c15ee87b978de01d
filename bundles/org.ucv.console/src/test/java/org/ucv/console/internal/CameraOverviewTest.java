package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ucv.api.camera.CameraRegistry.InvalidCamera;
import org.ucv.api.camera.CameraState;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.stream.StreamService.StreamInfo;

class CameraOverviewTest {
    private final FakeRegistry registry = new FakeRegistry()
            .add(CameraConfig.builder("demo").name("Demo").protocol("demo").build())
            .add(CameraConfig.builder("door").protocol("rtsp").url("rtsp://admin:s3cret@10.0.0.5/stream1")
                    .password("s3cret").build())
            .add(CameraConfig.builder("yard").protocol("http").host("10.0.0.7").port(8080).path("video.mjpg").build());
    private final FakeStreams streams = new FakeStreams(registry);
    private final FakeMetrics metrics = new FakeMetrics().add("demo", 14.96, 3, 35.2);

    @Test
    void joinsStateViewersAndFigures() {
        streams.states.put("door", CameraState.RECONNECTING);
        streams.running.add(new StreamInfo("demo", CameraState.STREAMING, 2, 1, null));
        streams.running.add(new StreamInfo("door", CameraState.RECONNECTING, 1, 0,
                "camera 'door': 401 from rtsp://admin:s3cret@10.0.0.5/stream1, password s3cret refused"));
        List<CameraRow> rows = CameraOverview.rows(registry, streams, metrics, Set.of("demo"));
        assertEquals(3, rows.size());
        CameraRow demo = rows.get(0);
        assertEquals("demo", demo.id());
        assertEquals("Demo", demo.name());
        assertEquals("streaming", demo.state());
        assertEquals(2, demo.viewers());
        assertEquals(14.96, demo.fps());
        assertEquals(35.2, demo.latencyMs());
        assertTrue(demo.held());
        assertTrue(demo.valid());
        CameraRow door = rows.get(1);
        assertEquals("reconnecting", door.state());
        assertNull(door.fps(), "no figures for a session the metrics do not know");
        assertEquals("rtsp://***@10.0.0.5/stream1", door.address());
        assertFalse(door.lastError().contains("s3cret"), door.lastError());
        assertFalse(door.held());
        CameraRow yard = rows.get(2);
        assertEquals("idle", yard.state());
        assertEquals(0, yard.viewers());
        assertEquals("10.0.0.7:8080/video.mjpg", yard.address());
        assertNull(yard.lastError());
    }

    @Test
    void listsRefusedConfigurationsAfterTheCameras() {
        registry.invalid.add(new InvalidCamera("org.ucv.camera~x", "demo",
                "id 'demo' is taken; url rtsp://u:p@host/ ignored"));
        List<CameraRow> rows = CameraOverview.rows(registry, streams, metrics, Set.of());
        CameraRow refused = rows.get(rows.size() - 1);
        assertFalse(refused.valid());
        assertEquals("org.ucv.camera~x", refused.pid());
        assertEquals(CameraState.INVALID_CONFIG.wire(), refused.state());
        assertEquals("id 'demo' is taken; url rtsp://***@host/ ignored", refused.lastError());
    }
}
