package org.ucv.protocol.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;
import org.ucv.protocol.http.internal.HttpOptions.Mode;

class HttpOptionsTest {
    @Test
    void defaults() {
        HttpOptions o = HttpOptions.of(CameraConfig.builder("c").protocol("http").build());
        assertEquals(Mode.MJPEG, o.mode());
        assertEquals(2.0, o.fps());
        assertEquals(8 * 1024 * 1024, o.maxPartBytes());
        assertFalse(o.insecureTls());
        assertTrue(o.warnings().isEmpty());
    }

    @Test
    void valuesAndBadValues() {
        HttpOptions o = HttpOptions.of(CameraConfig.builder("c").protocol("http").option("mode", "Snapshot")
                .option("fps", "0.5").option("max_part_bytes", "100000").option("insecure_tls", "TRUE")
                .option("read_timeout_ms", "3000").build());
        assertEquals(Mode.SNAPSHOT, o.mode());
        assertEquals(0.5, o.fps());
        assertEquals(100000, o.maxPartBytes());
        assertTrue(o.insecureTls());
        assertEquals(3000, o.readTimeoutMillis());
        HttpOptions bad = HttpOptions.of(CameraConfig.builder("c").protocol("http").option("mode", "rtsp")
                .option("fps", "0").option("max_part_bytes", "12").option("insecure_tls", "yes").build());
        assertEquals(4, bad.warnings().size());
        assertEquals(Mode.MJPEG, bad.mode());
        assertEquals(2.0, bad.fps());
        assertFalse(bad.insecureTls());
    }
}
