package org.ucv.protocol.http.internal;

/** Just enough of JPEG to tell a whole picture from a broken one without decoding it. */
public final class Jpeg {
    private Jpeg() {
    }

    /**
     * @param b candidate bytes
     * @return true when they start with SOI (FF D8 FF) and end with EOI (FF D9): a picture that
     *         was cut off or is not a JPEG at all fails
     */
    public static boolean isComplete(byte[] b) {
        int n = b.length;
        return n >= 6 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF
                && (b[n - 2] & 0xFF) == 0xFF && (b[n - 1] & 0xFF) == 0xD9;
    }
}
