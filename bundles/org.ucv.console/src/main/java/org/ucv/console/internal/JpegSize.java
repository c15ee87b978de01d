package org.ucv.console.internal;

import java.util.Optional;

/** Reads a JPEG's picture size from its frame header, to tell the shell user what was written. */
public final class JpegSize {
    /**
     * @param width pixels
     * @param height pixels
     */
    public record Size(int width, int height) {
    }

    private JpegSize() {
    }

    /** @return whether the bytes start like a JPEG (SOI marker) */
    public static boolean isJpeg(byte[] data) {
        return data != null && data.length > 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8;
    }

    /**
     * Walks the marker segments up to the first start-of-frame (SOF0-SOF15 but DHT, JPG and DAC).
     *
     * @param data a JPEG
     * @return its size, empty when the bytes are not a JPEG or end early
     */
    public static Optional<Size> of(byte[] data) {
        if (!isJpeg(data)) {
            return Optional.empty();
        }
        int i = 2;
        while (i + 4 <= data.length) {
            if ((data[i] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = data[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            int length = ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (i + 9 > data.length) {
                    return Optional.empty();
                }
                int height = ((data[i + 5] & 0xFF) << 8) | (data[i + 6] & 0xFF);
                int width = ((data[i + 7] & 0xFF) << 8) | (data[i + 8] & 0xFF);
                return Optional.of(new Size(width, height));
            }
            if (marker == 0xDA || length < 2) {
                return Optional.empty();
            }
            i += 2 + length;
        }
        return Optional.empty();
    }
}
