package org.ucv.converter.internal;

/**
 * The size a rendition encodes at: never larger than the source, the aspect ratio kept, both
 * dimensions even (4:2:0 chroma covers 2x2 pixels).
 */
public record OutputSize(int width, int height) {

    /**
     * @param sourceWidth the picture's width
     * @param sourceHeight the picture's height
     * @param maxWidth the widest output, 0 for the source's width
     */
    public static OutputSize of(int sourceWidth, int sourceHeight, int maxWidth) {
        if (sourceWidth < 2 || sourceHeight < 2) {
            throw new IllegalArgumentException("picture too small: " + sourceWidth + "x" + sourceHeight);
        }
        if (maxWidth <= 0 || maxWidth >= sourceWidth) {
            return new OutputSize(even(sourceWidth), even(sourceHeight));
        }
        long height = Math.round((double) sourceHeight * maxWidth / sourceWidth);
        return new OutputSize(even(maxWidth), even((int) height));
    }

    private static int even(int size) {
        return Math.max(2, size & ~1);
    }
}
