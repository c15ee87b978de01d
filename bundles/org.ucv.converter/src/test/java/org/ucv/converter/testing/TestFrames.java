package org.ucv.converter.testing;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

import java.awt.image.BufferedImage;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.ucv.converter.internal.FfmpegPicture;

/** Pictures made in memory, for encoder tests that need no decoder. Close to free the frame. */
public final class TestFrames implements AutoCloseable {
    private final AVFrame frame;
    private final FfmpegPicture picture;

    private TestFrames(AVFrame frame) {
        this.frame = frame;
        this.picture = new FfmpegPicture(frame);
        picture.validate();
    }

    public FfmpegPicture picture() {
        return picture;
    }

    private static AVFrame allocate(int format, int width, int height) {
        AVFrame frame = av_frame_alloc();
        frame.format(format).width(width).height(height);
        if (av_frame_get_buffer(frame, 0) < 0) {
            av_frame_free(frame);
            throw new IllegalStateException("cannot allocate a " + width + "x" + height + " frame");
        }
        return frame;
    }

    /**
     * A TV-range (16..235) YUV 4:2:0 picture: the left half black (Y 16), the right half white
     * (Y 235), no colour.
     */
    public static TestFrames tvRangeBlackWhite(int width, int height) {
        AVFrame frame = allocate(AV_PIX_FMT_YUV420P, width, height);
        frame.color_range(AVCOL_RANGE_MPEG);
        for (int plane = 0; plane < 3; plane++) {
            int rows = plane == 0 ? height : (height + 1) / 2;
            int cols = plane == 0 ? width : (width + 1) / 2;
            BytePointer data = frame.data(plane);
            int stride = frame.linesize(plane);
            byte[] row = new byte[cols];
            for (int x = 0; x < cols; x++) {
                row[x] = (byte) (plane == 0 ? (x < cols / 2 ? 16 : 235) : 128);
            }
            for (int y = 0; y < rows; y++) {
                data.position((long) y * stride).put(row, 0, cols);
            }
            data.position(0);
        }
        return new TestFrames(frame);
    }

    /** @return the image as an RGB24 frame */
    public static TestFrames rgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        AVFrame frame = allocate(AV_PIX_FMT_RGB24, width, height);
        BytePointer data = frame.data(0);
        int stride = frame.linesize(0);
        byte[] row = new byte[width * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                row[3 * x] = (byte) (rgb >> 16);
                row[3 * x + 1] = (byte) (rgb >> 8);
                row[3 * x + 2] = (byte) rgb;
            }
            data.position((long) y * stride).put(row, 0, row.length);
        }
        data.position(0);
        return new TestFrames(frame);
    }

    @Override
    public void close() {
        picture.invalidate();
        av_frame_free(frame);
    }
}
