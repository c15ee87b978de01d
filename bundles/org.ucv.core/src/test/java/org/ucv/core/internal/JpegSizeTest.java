package org.ucv.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class JpegSizeTest {
    @Test
    void readsTheSizeOfARealJpeg() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(100, 60, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        assertArrayEquals(new int[] {100, 60}, JpegSize.of(out.toByteArray()));
    }

    @Test
    void noFrameHeaderGivesZero() {
        assertArrayEquals(new int[] {0, 0}, JpegSize.of(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3}));
        assertArrayEquals(new int[] {0, 0}, JpegSize.of(new byte[0]));
    }
}
