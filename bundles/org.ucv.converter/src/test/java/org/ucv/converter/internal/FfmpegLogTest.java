package org.ucv.converter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FfmpegLogTest {
    @Test
    void masksUrlCredentials() {
        assertEquals("Could not open input \"rtsp://***@10.0.0.5:554/stream1\"",
                FfmpegLog.mask("Could not open input \"rtsp://admin:s3cr:et@10.0.0.5:554/stream1\""));
        assertEquals("http://***@cam/a and rtsp://***@cam/b",
                FfmpegLog.mask("http://u@cam/a and rtsp://u:p@cam/b"));
    }

    @Test
    void leavesOtherTextAlone() {
        assertEquals("[h264 @ 0x7f00] non-existing PPS 0 referenced",
                FfmpegLog.mask("[h264 @ 0x7f00] non-existing PPS 0 referenced"));
        assertEquals("rtsp://10.0.0.5/stream", FfmpegLog.mask("rtsp://10.0.0.5/stream"));
    }
}
