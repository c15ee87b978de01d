package org.ucv.converter.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * What the scaler depends on in an input frame. The deprecated YUVJ formats (FFmpeg's MJPEG
 * decoder still returns them) become their YUV twin plus full range, which is what swscale wants.
 */
final class SourceFormat {
    int width;
    int height;
    int pixelFormat;
    boolean fullRange;
    int colorspace;
    private int frameFormat = -1;
    private int frameRange;

    boolean matches(AVFrame frame) {
        return frame.width() == width && frame.height() == height && frame.format() == frameFormat
                && frame.color_range() == frameRange && frame.colorspace() == colorspace;
    }

    void take(AVFrame frame) {
        width = frame.width();
        height = frame.height();
        frameFormat = frame.format();
        frameRange = frame.color_range();
        colorspace = frame.colorspace();
        int yuv = yuvTwin(frameFormat);
        pixelFormat = yuv;
        fullRange = yuv != frameFormat || frameRange == AVCOL_RANGE_JPEG;
    }

    private static int yuvTwin(int format) {
        if (format == AV_PIX_FMT_YUVJ420P) {
            return AV_PIX_FMT_YUV420P;
        } else if (format == AV_PIX_FMT_YUVJ422P) {
            return AV_PIX_FMT_YUV422P;
        } else if (format == AV_PIX_FMT_YUVJ444P) {
            return AV_PIX_FMT_YUV444P;
        } else if (format == AV_PIX_FMT_YUVJ440P) {
            return AV_PIX_FMT_YUV440P;
        } else if (format == AV_PIX_FMT_YUVJ411P) {
            return AV_PIX_FMT_YUV411P;
        }
        return format;
    }

    @Override
    public String toString() {
        return width + "x" + height + " pixel format " + frameFormat + (fullRange ? " full range" : "");
    }
}
