package org.ucv.converter.internal;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.Picture;
import org.ucv.api.spi.ErrorCode;

/**
 * A decoded AVFrame behind the opaque {@link Picture}. One instance per decoder, reused for every
 * frame: it is valid until the decoder's next decode or close, as the API says.
 */
public final class FfmpegPicture implements Picture {
    private final AVFrame frame;
    private boolean valid;

    /** @param frame a frame owned by the caller, who must {@link #invalidate()} before freeing it */
    public FfmpegPicture(AVFrame frame) {
        this.frame = frame;
    }

    @Override
    public int width() {
        return frame.width();
    }

    @Override
    public int height() {
        return frame.height();
    }

    /** Marks the frame as holding a picture. */
    public void validate() {
        valid = true;
    }

    /** Marks the frame as gone, so that a stale picture fails instead of reading freed memory. */
    public void invalidate() {
        valid = false;
    }

    /**
     * @param picture a picture from a decoder of this bundle
     * @return its frame
     * @throws ConversionException when it comes from elsewhere or its decoder moved on or closed
     */
    static AVFrame frameOf(Picture picture) throws ConversionException {
        if (!(picture instanceof FfmpegPicture p)) {
            throw new ConversionException(ErrorCode.INTERNAL, "not a picture of the FFmpeg converter: " + picture);
        }
        if (!p.valid) {
            throw new ConversionException(ErrorCode.INTERNAL, "the picture's decoder has been closed or reset");
        }
        return p.frame;
    }
}
