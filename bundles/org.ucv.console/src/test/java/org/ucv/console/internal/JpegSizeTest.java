package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class JpegSizeTest {
    @Test
    void readsTheFrameHeader() {
        assertEquals(Optional.of(new JpegSize.Size(64, 48)), JpegSize.of(FakeFactory.JPEG));
    }

    @Test
    void skipsSegmentsBeforeTheFrameHeader() {
        byte[] app0 = {(byte) 0xFF, (byte) 0xE0, 0, 4, 1, 2};
        byte[] dht = {(byte) 0xFF, (byte) 0xC4, 0, 3, 9};
        byte[] sof2 = {(byte) 0xFF, (byte) 0xC2, 0, 11, 8, 2, (byte) 0xD0, 5, 0, 1, 1, 0x11, 0};
        byte[] jpeg = concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, app0, dht, sof2);
        assertEquals(Optional.of(new JpegSize.Size(1280, 720)), JpegSize.of(jpeg));
    }

    @Test
    void notAJpeg() {
        assertFalse(JpegSize.isJpeg("<html>".getBytes()));
        assertFalse(JpegSize.isJpeg(null));
        assertTrue(JpegSize.of("<html>".getBytes()).isEmpty());
        assertTrue(JpegSize.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2}).isEmpty());
        assertTrue(JpegSize.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8}).isEmpty());
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
