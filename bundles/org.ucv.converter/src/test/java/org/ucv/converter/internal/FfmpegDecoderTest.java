package org.ucv.converter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.ImageEncoder.EncodedImage;
import org.ucv.api.convert.Picture;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.converter.testing.H264Clip;

class FfmpegDecoderTest {
    private static final byte[] CLIP = H264Clip.resource(H264Clip.TEST_CLIP);

    private static int decodeAll(List<MediaPacket> packets) throws ConversionException {
        int pictures = 0;
        try (FfmpegDecoder decoder = new FfmpegDecoder("cam1", Codec.H264)) {
            for (MediaPacket packet : packets) {
                Picture picture = decoder.decode(packet);
                if (picture != null) {
                    assertEquals(320, picture.width());
                    assertEquals(180, picture.height());
                    pictures++;
                }
            }
        }
        return pictures;
    }

    @Test
    void decodesEveryAccessUnitOfTheClip() throws ConversionException {
        List<MediaPacket> packets = H264Clip.packets(CLIP, 15, false);
        assertEquals(30, packets.size());
        assertEquals(2, packets.stream().filter(MediaPacket::keyframe).count());
        assertEquals(30, decodeAll(packets));
    }

    @Test
    void prependsCodecConfigCarriedBesideThePayload() throws ConversionException {
        List<MediaPacket> packets = H264Clip.packets(CLIP, 15, true);
        assertNotNull(packets.get(0).codecConfig());
        assertEquals(30, decodeAll(packets));
    }

    @Test
    void withoutCodecConfigNothingDecodes() throws ConversionException {
        List<MediaPacket> stripped = H264Clip.packets(CLIP, 15, true).stream()
                .map(p -> new MediaPacket(p.codec(), p.payload(), p.ptsMicros(), p.arrivalEpochMicros(), p.keyframe(), null))
                .toList();
        // Without SPS/PPS every slice is undecodable: errors or no pictures, never a picture.
        try (FfmpegDecoder decoder = new FfmpegDecoder("cam1", Codec.H264)) {
            for (MediaPacket packet : stripped) {
                try {
                    assertNull(decoder.decode(packet));
                } catch (ConversionException expected) {
                    assertEquals(ErrorCode.INTERNAL, expected.code());
                }
            }
        }
    }

    @Test
    void corruptPacketThrowsAndTheDecoderStaysUsable() throws ConversionException {
        List<MediaPacket> packets = H264Clip.packets(CLIP, 15, false);
        byte[] garbage = new byte[4000];
        new Random(42).nextBytes(garbage);
        MediaPacket corrupt = new MediaPacket(Codec.H264, garbage, 0, 0, false, null);
        try (FfmpegDecoder decoder = new FfmpegDecoder("cam7", Codec.H264)) {
            for (int i = 0; i < 5; i++) {
                assertNotNull(decoder.decode(packets.get(i)));
            }
            ConversionException e = assertThrows(ConversionException.class, () -> decoder.decode(corrupt));
            assertTrue(e.getMessage().contains("cam7"), e.getMessage());
            Picture next = decoder.decode(packets.get(5));
            assertNotNull(next);
            assertEquals(320, next.width());
        }
    }

    @Test
    void packetOfAnotherCodecIsRefused() throws ConversionException {
        try (FfmpegDecoder decoder = new FfmpegDecoder("cam1", Codec.H265)) {
            MediaPacket h264 = H264Clip.packets(CLIP, 15, false).get(0);
            assertEquals(ErrorCode.UNSUPPORTED_CODEC,
                    assertThrows(ConversionException.class, () -> decoder.decode(h264)).code());
        }
    }

    @Test
    void decodesMjpeg() throws ConversionException {
        byte[] jpeg;
        try (FfmpegDecoder h264 = new FfmpegDecoder("cam1", Codec.H264);
             JpegEncoder encoder = new JpegEncoder(4, 160)) {
            jpeg = encoder.encode(h264.decode(H264Clip.packets(CLIP, 15, false).get(0))).data();
        }
        try (FfmpegDecoder mjpeg = new FfmpegDecoder("cam2", Codec.MJPEG);
             JpegEncoder encoder = new JpegEncoder(4, 0)) {
            Picture picture = mjpeg.decode(new MediaPacket(Codec.MJPEG, jpeg, 0, 0, true, null));
            assertEquals(160, picture.width());
            assertEquals(90, picture.height());
            EncodedImage again = encoder.encode(picture);
            assertEquals(160, again.width());
        }
    }

    @Test
    void pictureIsUnusableAfterItsDecoderCloses() throws ConversionException {
        Picture picture;
        try (FfmpegDecoder decoder = new FfmpegDecoder("cam1", Codec.H264)) {
            picture = decoder.decode(H264Clip.packets(CLIP, 15, false).get(0));
        }
        try (JpegEncoder encoder = new JpegEncoder(4, 0)) {
            assertThrows(ConversionException.class, () -> encoder.encode(picture));
        }
    }

    @Test
    void closeIsIdempotent() throws ConversionException {
        FfmpegDecoder decoder = new FfmpegDecoder("cam1", Codec.MJPEG);
        decoder.close();
        decoder.close();
    }
}
