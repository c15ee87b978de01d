package org.ucv.api.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One immutable unit of encoded video as a source pushes it: one access unit (H.264/H.265, Annex B)
 * or one complete JPEG (MJPEG).
 *
 * <p>The payload array is owned by the packet once constructed: a source must not modify it after
 * handing it over (the constructor does not copy, to keep the hot path free of copies).
 */
public final class MediaPacket {
    private final Codec codec;
    private final byte[] payload;
    private final long ptsMicros;
    private final long arrivalEpochMicros;
    private final boolean keyframe;
    private final byte[] codecConfig;

    /**
     * @param codec the codec of the payload
     * @param payload the encoded bytes (Annex B for H.264/H.265; a whole JPEG for MJPEG); not copied
     * @param ptsMicros presentation time in microseconds on the source's own clock (monotonic per stream)
     * @param arrivalEpochMicros when the packet arrived at the server, microseconds since the epoch;
     *        latency is measured from it
     * @param keyframe true for an IDR/IRAP access unit or any JPEG
     * @param codecConfig SPS/PPS (and VPS for H.265) as Annex B when they are known, else null;
     *        not copied
     */
    public MediaPacket(Codec codec, byte[] payload, long ptsMicros, long arrivalEpochMicros,
                       boolean keyframe, byte[] codecConfig) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.ptsMicros = ptsMicros;
        this.arrivalEpochMicros = arrivalEpochMicros;
        this.keyframe = keyframe;
        this.codecConfig = codecConfig;
    }

    public Codec codec() { return codec; }

    /** @return the payload itself (not a copy): read it, never write it */
    public byte[] payload() { return payload; }

    public long ptsMicros() { return ptsMicros; }

    public long arrivalEpochMicros() { return arrivalEpochMicros; }

    public boolean keyframe() { return keyframe; }

    /** @return SPS/PPS/VPS as Annex B, or null when not known or unchanged */
    public byte[] codecConfig() { return codecConfig; }

    @Override
    public String toString() {
        return "MediaPacket[" + codec + ", " + payload.length + " bytes, pts=" + ptsMicros
                + (keyframe ? ", key" : "") + (codecConfig != null ? ", config " + codecConfig.length + " bytes" : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaPacket p && p.codec == codec && p.ptsMicros == ptsMicros
                && p.arrivalEpochMicros == arrivalEpochMicros && p.keyframe == keyframe
                && Arrays.equals(p.payload, payload) && Arrays.equals(p.codecConfig, codecConfig);
    }

    @Override
    public int hashCode() {
        return Objects.hash(codec, ptsMicros, Arrays.hashCode(payload));
    }
}
