package org.ucv.converter.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.ImageEncoder.EncodedImage;
import org.ucv.api.convert.Picture;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.stream.Quality;
import org.ucv.converter.testing.H264Clip;
import org.ucv.converter.testing.JpegTables;
import org.ucv.converter.testing.QualityCalibration;
import org.ucv.converter.testing.TestFrames;

class JpegEncoderTest {
    private static final List<MediaPacket> PACKETS = H264Clip.packets(H264Clip.resource(H264Clip.TEST_CLIP), 15, false);

    /** @return every picture of the clip encoded at the preset */
    private static List<EncodedImage> encodeClip(Quality quality, int maxWidth) throws ConversionException {
        List<EncodedImage> images = new ArrayList<>();
        try (FfmpegDecoder decoder = new FfmpegDecoder("cam1", Codec.H264);
             JpegEncoder encoder = new JpegEncoder(JpegPresets.qscale(quality), maxWidth)) {
            for (MediaPacket packet : PACKETS) {
                Picture picture = decoder.decode(packet);
                images.add(encoder.encode(picture));
            }
        }
        return images;
    }

    private static void assertDecodes(EncodedImage image, int width, int height) {
        BufferedImage decoded = QualityCalibration.decode(image.data());
        assertEquals(width, decoded.getWidth());
        assertEquals(height, decoded.getHeight());
        assertEquals(width, image.width());
        assertEquals(height, image.height());
    }

    @Test
    void everyPresetDecodesAtTheSourceSize() throws ConversionException {
        for (Quality quality : Quality.values()) {
            List<EncodedImage> images = encodeClip(quality, 0);
            assertEquals(30, images.size());
            images.forEach(image -> assertDecodes(image, 320, 180));
        }
    }

    @Test
    void maxWidthScalesDownKeepingTheAspect() throws ConversionException {
        for (Quality quality : Quality.values()) {
            encodeClip(quality, 160).forEach(image -> assertDecodes(image, 160, 90));
        }
        // never up
        encodeClip(Quality.MEDIUM, 1280).forEach(image -> assertDecodes(image, 320, 180));
    }

    @Test
    void quantizationTablesIdentifyThePreset() throws ConversionException {
        Map<Quality, List<int[]>> byPreset = new EnumMap<>(Quality.class);
        for (Quality quality : Quality.values()) {
            List<EncodedImage> images = encodeClip(quality, 0);
            List<int[]> tables = JpegTables.of(images.get(0).data());
            // FFmpeg writes one table when luma and chroma share it
            assertFalse(tables.isEmpty());
            for (EncodedImage image : images) {
                List<int[]> other = JpegTables.of(image.data());
                for (int i = 0; i < tables.size(); i++) {
                    assertArrayEquals(tables.get(i), other.get(i), quality + ": every picture has the preset's tables");
                }
            }
            byPreset.put(quality, tables);
        }
        assertTablesEqual(byPreset.get(Quality.HIGH), byPreset.get(Quality.SOURCE));
        List<Quality> distinct = List.of(Quality.LOW, Quality.MEDIUM, Quality.HIGH);
        for (int a = 0; a < distinct.size(); a++) {
            for (int b = a + 1; b < distinct.size(); b++) {
                assertFalse(sameTables(byPreset.get(distinct.get(a)), byPreset.get(distinct.get(b))),
                        distinct.get(a) + " and " + distinct.get(b) + " must differ");
            }
        }
        // lower quality quantizes harder
        assertTrue(sum(byPreset.get(Quality.LOW)) > sum(byPreset.get(Quality.MEDIUM)));
        assertTrue(sum(byPreset.get(Quality.MEDIUM)) > sum(byPreset.get(Quality.HIGH)));
    }

    private static boolean sameTables(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static void assertTablesEqual(List<int[]> expected, List<int[]> actual) {
        assertTrue(sameTables(expected, actual), "SOURCE encodes like HIGH");
    }

    private static long sum(List<int[]> tables) {
        return tables.stream().flatMapToInt(Arrays::stream).sum();
    }

    @Test
    void outputIsFullRange() throws ConversionException {
        // TV black (Y 16) must become JPEG black (0) and TV white (235) JPEG white (255).
        try (TestFrames frame = TestFrames.tvRangeBlackWhite(64, 32); JpegEncoder encoder = new JpegEncoder(1, 0)) {
            BufferedImage decoded = QualityCalibration.decode(encoder.encode(frame.picture()).data());
            int black = decoded.getRGB(8, 16) & 0xff;
            int white = decoded.getRGB(56, 16) & 0xff;
            assertTrue(black <= 3, "black is " + black);
            assertTrue(white >= 252, "white is " + white);
        }
    }

    @Test
    void oddSizesBecomeEven() throws ConversionException {
        try (TestFrames frame = TestFrames.tvRangeBlackWhite(65, 33); JpegEncoder encoder = new JpegEncoder(4, 0)) {
            EncodedImage image = encoder.encode(frame.picture());
            assertDecodes(image, 64, 32);
        }
    }

    @Test
    void inputSizeChangeRebuildsTheScaler() throws ConversionException {
        try (TestFrames small = TestFrames.tvRangeBlackWhite(64, 32);
             TestFrames large = TestFrames.tvRangeBlackWhite(640, 360);
             JpegEncoder encoder = new JpegEncoder(4, 320)) {
            assertDecodes(encoder.encode(small.picture()), 64, 32);
            assertDecodes(encoder.encode(large.picture()), 320, 180);
            assertDecodes(encoder.encode(small.picture()), 64, 32);
        }
    }

    @Test
    void openEncodeCloseDoesNotLeakNativeMemory() throws ConversionException {
        MediaPacket keyframe = PACKETS.get(0);
        try (TestFrames hd = TestFrames.tvRangeBlackWhite(1280, 720)) {
            long baseline = 0;
            for (int i = 0; i < 500; i++) {
                if (i == 50) {
                    System.gc();
                    baseline = Pointer.physicalBytes();
                }
                try (FfmpegDecoder decoder = new FfmpegDecoder("cam1", Codec.H264);
                     JpegEncoder small = new JpegEncoder(4, 0);
                     JpegEncoder full = new JpegEncoder(4, 0)) {
                    assertNotNull(small.encode(decoder.decode(keyframe)));
                    assertNotNull(full.encode(hd.picture()));
                }
            }
            System.gc();
            long growth = Pointer.physicalBytes() - baseline;
            // One leaked 720p encoder alone holds more than 2 MB: 450 of them would be ~1 GB.
            assertTrue(growth < 96L << 20, "resident memory grew by " + (growth >> 20) + " MiB over 450 iterations");
        }
    }
}
