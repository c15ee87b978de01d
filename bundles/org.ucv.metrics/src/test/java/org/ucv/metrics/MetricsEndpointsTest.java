package org.ucv.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucv.api.camera.CameraState;
import org.ucv.api.metrics.CameraTotals;
import org.ucv.metrics.internal.CameraStatus;
import org.ucv.metrics.internal.PrometheusText;

class MetricsEndpointsTest {
    private static CameraTotals totals(String id) {
        return new CameraTotals(id, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
                new CameraTotals.Histogram(List.of(5.0), List.of(0L), 0, 0));
    }

    @Test
    void oneRowPerCameraIdWithItsTotalsAndTheValidCamerasState() {
        CameraTotals demo = totals("demo");
        List<PrometheusText.Camera> rows = MetricsEndpoints.rows(List.of(
                new CameraStatus("demo", CameraState.STREAMING, null, true),
                new CameraStatus("new", CameraState.IDLE, null, true),
                new CameraStatus("demo", CameraState.INVALID_CONFIG, "camera id 'demo' is already used", false),
                new CameraStatus("bad", CameraState.INVALID_CONFIG, "port must be 0-65535", false)),
                List.of(demo, totals("deleted")));
        assertEquals(List.of("demo", "new", "bad"), rows.stream().map(PrometheusText.Camera::cameraId).toList());
        assertEquals(CameraState.STREAMING, rows.get(0).state());
        assertSame(demo, rows.get(0).totals());
        assertNull(rows.get(1).totals());
        assertEquals(CameraState.INVALID_CONFIG, rows.get(2).state());
    }
}
