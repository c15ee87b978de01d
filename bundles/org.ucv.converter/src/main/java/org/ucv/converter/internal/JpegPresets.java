package org.ucv.converter.internal;

import org.ucv.api.stream.Quality;

/**
 * FFmpeg mjpeg quantizer scale (qscale, 1 best .. 31 worst) per quality preset. The mjpeg encoder
 * cannot write libjpeg's tables (its DC quantizer is fixed), so each preset uses the qscale whose
 * output came closest to libjpeg at the preset's quality in size and error; docs/converter.md has
 * the measurement and QualityCalibrationTest re-checks it against the FFmpeg in use.
 */
public final class JpegPresets {
    private JpegPresets() {
    }

    public static int qscale(Quality quality) {
        switch (quality) {
            case LOW: return 7;
            case MEDIUM: return 4;
            case HIGH:
            case SOURCE:
                return 1;
            default:
                throw new IllegalArgumentException("no preset for " + quality);
        }
    }
}
