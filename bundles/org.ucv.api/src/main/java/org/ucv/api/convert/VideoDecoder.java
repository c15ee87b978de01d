package org.ucv.api.convert;

import org.osgi.annotation.versioning.ProviderType;
import org.ucv.api.spi.MediaPacket;

/** Decodes one camera's packets. Not thread-safe; close it to free its native memory. */
@ProviderType
public interface VideoDecoder extends AutoCloseable {
    /**
     * @param packet the next packet of the stream
     * @return the picture it completed, or null when it completed none (yet)
     * @throws ConversionException when the packet is corrupt; the decoder stays usable
     */
    Picture decode(MediaPacket packet) throws ConversionException;

    /** Frees the decoder. Idempotent. */
    @Override
    void close();
}
