package org.ucv.api.stream;

import java.util.Objects;

/**
 * What one viewer asks for. Values are validated by the constructor; an out-of-range value is an
 * error, never silently clamped.
 *
 * @param quality the picture quality
 * @param fps the most frames per second this viewer gets, 1-60
 * @param format the image format, e.g. {@code jpeg}
 * @param maxWidth the widest picture wanted in pixels, 0 for the source's width; the platform snaps
 *        it to one of {@link #WIDTHS} so that one camera needs few encoders
 */
public record ViewerRequest(Quality quality, int fps, String format, int maxWidth) {
    /** The widths a {@code maxWidth} snaps to (0 = the source's full width). */
    public static final int[] WIDTHS = {320, 640, 1280};
    public static final int MIN_FPS = 1;
    public static final int MAX_FPS = 60;
    /** The defaults of the protocol: medium, 15 fps, jpeg, full width. */
    public static final ViewerRequest DEFAULT = new ViewerRequest(Quality.MEDIUM, 15, "jpeg", 0);

    public ViewerRequest {
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(format, "format");
        if (fps < MIN_FPS || fps > MAX_FPS) {
            throw new IllegalArgumentException("fps must be between " + MIN_FPS + " and " + MAX_FPS + ", was " + fps);
        }
        if (maxWidth < 0) {
            throw new IllegalArgumentException("max_width must be positive, was " + maxWidth);
        }
    }

    /**
     * @param maxWidth a requested width in pixels, 0 for full
     * @return the nearest of {@link #WIDTHS}, or 0 (full) when the request is wider than the largest
     *         step by more than half the distance to it
     */
    public static int snapWidth(int maxWidth) {
        if (maxWidth <= 0) {
            return 0;
        }
        int best = WIDTHS[0];
        for (int w : WIDTHS) {
            if (Math.abs(w - maxWidth) < Math.abs(best - maxWidth)) {
                best = w;
            }
        }
        int largest = WIDTHS[WIDTHS.length - 1];
        return maxWidth > largest * 3 / 2 ? 0 : best;
    }

    public ViewerRequest withQuality(Quality q) { return new ViewerRequest(q, fps, format, maxWidth); }
    public ViewerRequest withFps(int f) { return new ViewerRequest(quality, f, format, maxWidth); }
}
