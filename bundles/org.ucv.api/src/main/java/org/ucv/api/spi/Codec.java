package org.ucv.api.spi;

/**
 * The video codec of a {@link MediaPacket}. Deliberately an API enum: no FFmpeg or bytedeco type
 * crosses the SPI, so a plugin needs no native library at all.
 */
public enum Codec {
    /** H.264 / AVC, payload in Annex B (start codes). */
    H264,
    /** H.265 / HEVC, payload in Annex B (start codes). */
    H265,
    /** Motion JPEG: each packet is one complete JPEG image. */
    MJPEG;

    /** @return true when every packet of this codec decodes on its own (no inter-frame state). */
    public boolean intraOnly() {
        return this == MJPEG;
    }
}
