package org.ucv.api.convert;

import org.osgi.annotation.versioning.ProviderType;

/** Encodes pictures for one rendition (format, quality, max width). Not thread-safe. */
@ProviderType
public interface ImageEncoder extends AutoCloseable {
    /**
     * Scales (never up) to the rendition's width keeping the aspect ratio, then encodes.
     *
     * @param picture a picture from a {@link VideoDecoder}
     * @return the encoded image
     * @throws ConversionException when encoding fails
     */
    EncodedImage encode(Picture picture) throws ConversionException;

    /** Frees the encoder. Idempotent. */
    @Override
    void close();

    /**
     * @param data the encoded bytes
     * @param width width in pixels
     * @param height height in pixels
     */
    record EncodedImage(byte[] data, int width, int height) {
    }
}
