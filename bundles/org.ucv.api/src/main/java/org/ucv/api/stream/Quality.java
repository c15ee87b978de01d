package org.ucv.api.stream;

import java.util.Locale;

/**
 * A viewer's picture quality. The presets stand for JPEG quality 60/80/95; {@link #SOURCE} sends a
 * JPEG camera's own image untouched, and for other codecs the full size at high quality.
 */
public enum Quality {
    LOW(60), MEDIUM(80), HIGH(95), SOURCE(95);

    private final int jpegQuality;

    Quality(int jpegQuality) {
        this.jpegQuality = jpegQuality;
    }

    /** @return the libjpeg-style quality (1-100) the preset stands for */
    public int jpegQuality() {
        return jpegQuality;
    }

    /** @return the name as written on the wire, e.g. {@code medium} */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param wire the wire name
     * @return the quality
     * @throws IllegalArgumentException for a name not in the list
     */
    public static Quality fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
