package org.ucv.converter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.ImageEncoder;
import org.ucv.api.convert.ImageEncoder.EncodedImage;
import org.ucv.api.convert.Picture;
import org.ucv.api.convert.VideoDecoder;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.Quality;
import org.ucv.converter.testing.H264Clip;

/** Open box: the component constructed and activated by hand, no framework. */
class FfmpegFrameConverterTest {
    private final FfmpegFrameConverter converter = new FfmpegFrameConverter();

    @BeforeEach
    void activate() {
        converter.activate();
    }

    @AfterEach
    void deactivate() {
        converter.deactivate();
    }

    @Test
    void offersJpegOnly() {
        assertEquals(Set.of("jpeg"), converter.formats());
    }

    @Test
    void unknownFormatNamesTheSupportedOnes() {
        ConversionException e = assertThrows(ConversionException.class,
                () -> converter.openEncoder("webp", Quality.MEDIUM, 0));
        assertEquals(ErrorCode.UNSUPPORTED_FORMAT, e.code());
        assertTrue(e.getMessage().contains("webp") && e.getMessage().contains("jpeg"), e.getMessage());
    }

    @Test
    void missingCodecIsUnsupported() {
        ConversionException e = assertThrows(ConversionException.class, () -> converter.openDecoder("cam3", null));
        assertEquals(ErrorCode.UNSUPPORTED_CODEC, e.code());
        assertTrue(e.getMessage().contains("cam3"), e.getMessage());
    }

    @Test
    void negativeMaxWidthIsInvalid() {
        assertEquals(ErrorCode.INVALID_PARAMS, assertThrows(ConversionException.class,
                () -> converter.openEncoder("jpeg", Quality.LOW, -1)).code());
    }

    @Test
    void opensADecoderForEveryCodec() throws ConversionException {
        for (Codec codec : Codec.values()) {
            converter.openDecoder("cam1", codec).close();
        }
    }

    @Test
    void decodesAndEncodesThroughTheService() throws ConversionException {
        try (VideoDecoder decoder = converter.openDecoder("cam1", Codec.H264);
             ImageEncoder encoder = converter.openEncoder("jpeg", Quality.MEDIUM, 160)) {
            Picture picture = decoder.decode(H264Clip.packets(H264Clip.resource(H264Clip.TEST_CLIP), 15, false).get(0));
            assertNotNull(picture);
            EncodedImage image = encoder.encode(picture);
            assertEquals(160, image.width());
            assertEquals(90, image.height());
            assertEquals(0xff, image.data()[0] & 0xff);
            assertEquals(0xd8, image.data()[1] & 0xff);
        }
    }
}
