package org.ucv.api.convert;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.ucv.api.spi.Codec;
import org.ucv.api.stream.Quality;

/** Makes decoders and encoders. A service of the converter bundle. */
@ProviderType
public interface FrameConverter {
    /** @return the image formats {@link #openEncoder} accepts, e.g. {@code jpeg} */
    Set<String> formats();

    /**
     * @param cameraId the camera, for log and error messages
     * @param codec the stream's codec
     * @return a new decoder
     * @throws ConversionException {@code unsupported_codec} when the codec cannot be decoded
     */
    VideoDecoder openDecoder(String cameraId, Codec codec) throws ConversionException;

    /**
     * @param format an image format from {@link #formats()}
     * @param quality the quality preset ({@link Quality#SOURCE} encodes at high quality)
     * @param maxWidth the widest output in pixels, 0 for the source's width
     * @return a new encoder
     * @throws ConversionException {@code unsupported_format} naming the supported formats
     */
    ImageEncoder openEncoder(String format, Quality quality, int maxWidth) throws ConversionException;
}
