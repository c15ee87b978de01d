package org.ucv.core.internal;

/** Reads a JPEG's size from its frame header, so a passed-through image needs no decode. */
final class JpegSize {
    private JpegSize() {
    }

    /**
     * @param jpeg a complete JPEG
     * @return {width, height}, or {0, 0} when no frame header is found
     */
    static int[] of(byte[] jpeg) {
        int i = 2;
        while (i + 3 < jpeg.length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                break;
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                i += 2;
                continue;
            }
            if (isStartOfFrame(marker) && i + 8 < jpeg.length) {
                return new int[] {u16(jpeg, i + 7), u16(jpeg, i + 5)};
            }
            i += 2 + u16(jpeg, i + 2);
        }
        return new int[] {0, 0};
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }
}
