package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;

class CameraSettingsTest {
    @Test
    void readsEveryKey() {
        CameraConfig c = CameraSettings.parse("door", "RTSP", "rtsp://10.0.0.5/stream1", "name=Front door",
                "username=admin", "password=a=b c", "transport=tcp", "enabled=false", "option.latency=low");
        assertEquals("door", c.id());
        assertEquals("rtsp", c.protocol());
        assertEquals(Optional.of("rtsp://10.0.0.5/stream1"), c.url());
        assertEquals("Front door", c.name());
        assertEquals(Optional.of("admin"), c.username());
        assertEquals(Optional.of("a=b c"), c.password(), "only the first = splits");
        assertEquals(Optional.of("tcp"), c.transport());
        assertFalse(c.enabled());
        assertEquals(Map.of("latency", "low"), c.options());
    }

    @Test
    void aDashOrNothingMeansNoUrl() {
        assertTrue(CameraSettings.parse("d", "demo", "-").url().isEmpty());
        assertTrue(CameraSettings.parse("d", "demo", "").url().isEmpty());
        assertTrue(CameraSettings.parse("d", "demo", "-").enabled());
    }

    @Test
    void refusesWhatItCannotRead() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CameraSettings.parse("d", "demo", "-", "colour=red")).getMessage().contains("unknown setting 'colour'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CameraSettings.parse("d", "demo", "-", "name")).getMessage().contains("not key=value"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CameraSettings.parse("d", "demo", "-", "enabled=yes")).getMessage().contains("true or false"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CameraSettings.parse("d", "demo", "-", "option.=1")).getMessage().contains("unknown setting"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CameraSettings.parse("Bad Id", "demo", "-")).getMessage().contains("must match"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CameraSettings.parse("d", " ", "-")).getMessage().contains("protocol"));
    }
}
