package org.ucv.converter;

import java.util.Locale;
import java.util.Set;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.FrameConverter;
import org.ucv.api.convert.ImageEncoder;
import org.ucv.api.convert.VideoDecoder;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.Quality;
import org.ucv.converter.internal.FfmpegDecoder;
import org.ucv.converter.internal.FfmpegLog;
import org.ucv.converter.internal.JpegEncoder;
import org.ucv.converter.internal.JpegPresets;

/** The FFmpeg {@link FrameConverter}: H.264/H.265/MJPEG in, JPEG out. */
@Component(service = FrameConverter.class)
public final class FfmpegFrameConverter implements FrameConverter {
    private static final String JPEG = "jpeg";
    private static final Set<String> FORMATS = Set.of(JPEG);

    @Activate
    public void activate() {
        // Load (and on first start unpack) the natives now rather than when the first viewer waits.
        Loader.load(avcodec.class);
        Loader.load(swscale.class);
        FfmpegLog.install();
    }

    @Deactivate
    public void deactivate() {
        FfmpegLog.silence();
    }

    @Override
    public Set<String> formats() {
        return FORMATS;
    }

    @Override
    public VideoDecoder openDecoder(String cameraId, Codec codec) throws ConversionException {
        if (codec == null) {
            throw new ConversionException(ErrorCode.UNSUPPORTED_CODEC, "camera " + cameraId + ": no codec given");
        }
        return new FfmpegDecoder(cameraId, codec);
    }

    @Override
    public ImageEncoder openEncoder(String format, Quality quality, int maxWidth) throws ConversionException {
        if (format == null || !JPEG.equals(format.toLowerCase(Locale.ROOT))) {
            throw new ConversionException(ErrorCode.UNSUPPORTED_FORMAT,
                    "unsupported format '" + format + "', supported: " + String.join(", ", FORMATS));
        }
        if (maxWidth < 0) {
            throw new ConversionException(ErrorCode.INVALID_PARAMS, "max_width must not be negative: " + maxWidth);
        }
        return new JpegEncoder(JpegPresets.qscale(quality), maxWidth);
    }
}
