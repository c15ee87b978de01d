package org.ucv.converter.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** FFmpeg's error numbers as text for exception messages. */
final class FfmpegErrors {
    private FfmpegErrors() {
    }

    static String describe(int error) {
        byte[] text = new byte[128];
        if (av_strerror(error, text, text.length) < 0) {
            return "FFmpeg error " + error;
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.UTF_8) + " (" + error + ")";
    }
}
