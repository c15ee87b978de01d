package org.ucv.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CameraConfigTest {
    @Test
    void masksUserInfoOfEveryUrl() {
        assertEquals("Could not open input \"rtsp://***@10.0.0.5:554/s1\"",
                CameraConfig.maskUserInfo("Could not open input \"rtsp://admin:secret@10.0.0.5:554/s1\""));
        assertEquals("http://***@cam/a and rtsp://***@cam/b",
                CameraConfig.maskUserInfo("http://u@cam/a and rtsp://u:p@cam/b"));
        assertEquals("rtsp://10.0.0.5/stream", CameraConfig.maskUserInfo("rtsp://10.0.0.5/stream"));
    }

    @Test
    void masksPasswordsHoldingAtOrSlash() {
        assertEquals("rtsp://***@host/live", CameraConfig.maskUserInfo("rtsp://u:p@ss@host/live"));
        assertEquals("rtsp://***@host/live", CameraConfig.maskUserInfo("rtsp://u:pa/ss@host/live"));
    }

    @Test
    void redactRemovesThePasswordAnywhere() {
        CameraConfig camera = CameraConfig.builder("door").protocol("rtsp").url("rtsp://10.0.0.9/live")
                .username("admin").password("hunter2!").build();
        String redacted = camera.redact("401 for admin with hunter2! at rtsp://admin:hunter2!@10.0.0.9/live");
        assertFalse(redacted.contains("hunter2!"), redacted);
        assertEquals("401 for admin with *** at rtsp://***@10.0.0.9/live", redacted);
        assertTrue(camera.toString().contains("password=***"));
        assertFalse(camera.toString().contains("hunter2!"));
    }

    @Test
    void refusesBadIdsAndPorts() {
        assertThrows(IllegalArgumentException.class, () -> CameraConfig.builder("Front Door"));
        assertThrows(IllegalArgumentException.class, () -> CameraConfig.builder("door").port(70000));
        assertEquals("door", CameraConfig.builder("door").protocol("demo").build().name());
    }
}
