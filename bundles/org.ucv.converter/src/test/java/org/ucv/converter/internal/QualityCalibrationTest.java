package org.ucv.converter.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.ucv.api.convert.ConversionException;
import org.ucv.api.stream.Quality;
import org.ucv.converter.testing.QualityCalibration;
import org.ucv.converter.testing.QualityCalibration.Sample;

/** Re-checks the hard-coded preset qscales against the FFmpeg build in use (see docs/converter.md). */
class QualityCalibrationTest {
    /** Rendering differences between JDKs move distances by a few hundredths; a new FFmpeg may move more. */
    private static final double TOLERANCE = 0.5;

    @Test
    void presetsAreTheClosestMatchToLibjpeg() throws ConversionException {
        QualityCalibration calibration = QualityCalibration.standard();
        List<List<Sample>> ffmpeg = calibration.ffmpegAll();
        for (Quality preset : List.of(Quality.LOW, Quality.MEDIUM, Quality.HIGH)) {
            List<Sample> reference = calibration.libjpeg(preset.jpegQuality());
            int best = QualityCalibration.best(reference, ffmpeg);
            double bestDistance = QualityCalibration.distance(ffmpeg.get(best - 1), reference);
            int chosen = JpegPresets.qscale(preset);
            double chosenDistance = QualityCalibration.distance(ffmpeg.get(chosen - 1), reference);
            assertTrue(chosenDistance <= bestDistance + TOLERANCE, String.format(Locale.ROOT,
                    "%s: qscale %d is %.2f from libjpeg q%d, qscale %d only %.2f: recalibrate",
                    preset, chosen, chosenDistance, preset.jpegQuality(), best, bestDistance));
        }
    }
}
