package org.ucv.converter.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_init_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.ImageEncoder;
import org.ucv.api.convert.Picture;
import org.ucv.api.spi.ErrorCode;

/**
 * Encodes pictures as baseline JPEG with FFmpeg's mjpeg encoder at a fixed quantizer scale.
 *
 * <p>One {@code sws_scale} call both scales and converts to full-range ("JPEG range") 4:2:0, which
 * JFIF viewers expect; TV-range samples would look washed out. The output is YUV420P tagged as
 * full range rather than the deprecated YUVJ420P: the same bytes, without FFmpeg's deprecation
 * warning. The scaler, the output frame and the encoder are reused while the input stays the same,
 * so a frame costs no native allocation; only the returned byte[] is new.
 */
public final class JpegEncoder implements ImageEncoder {
    private final int qscale;
    private final int maxWidth;
    private final AVPacket packet;
    private final SourceFormat source = new SourceFormat();
    private SwsContext scaler;
    private AVFrame scaled;
    private AVCodecContext encoder;
    private boolean closed;

    /**
     * @param qscale the mjpeg quantizer scale, 1 (best) to 31; see {@link JpegPresets}
     * @param maxWidth the widest output, 0 for the source's width
     */
    public JpegEncoder(int qscale, int maxWidth) {
        if (qscale < 1 || qscale > 31) {
            throw new IllegalArgumentException("qscale " + qscale + " is outside 1..31");
        }
        if (maxWidth < 0) {
            throw new IllegalArgumentException("negative max width " + maxWidth);
        }
        this.qscale = qscale;
        this.maxWidth = maxWidth;
        this.packet = av_packet_alloc();
    }

    @Override
    public EncodedImage encode(Picture picture) throws ConversionException {
        if (closed) {
            throw new IllegalStateException("encoder closed");
        }
        AVFrame input = FfmpegPicture.frameOf(picture);
        prepare(input);
        sws_scale(scaler, input.data(), input.linesize(), 0, input.height(), scaled.data(), scaled.linesize());
        // With a fixed qscale the mpegvideo encoders take the quantizer from the frame.
        scaled.quality(qscale * FF_QP2LAMBDA);
        int sent = avcodec_send_frame(encoder, scaled);
        if (sent < 0) {
            throw failure("cannot encode", sent);
        }
        int received = avcodec_receive_packet(encoder, packet);
        if (received < 0) {
            throw failure("no JPEG from the encoder", received);
        }
        try {
            byte[] jpeg = new byte[packet.size()];
            packet.data().get(jpeg);
            return new EncodedImage(jpeg, scaled.width(), scaled.height());
        } finally {
            av_packet_unref(packet);
        }
    }

    /** (Re)builds the scaler, and the output frame and encoder if the output size changes, when the input changes. */
    private void prepare(AVFrame input) throws ConversionException {
        if (scaler != null && source.matches(input)) {
            return;
        }
        try {
            rebuild(input);
        } catch (ConversionException e) {
            // half-built state must not be taken for a ready one by the next picture
            freeOutput();
            freeScaler();
            throw e;
        }
    }

    private void rebuild(AVFrame input) throws ConversionException {
        source.take(input);
        OutputSize size = OutputSize.of(source.width, source.height, maxWidth);
        freeScaler();
        // The ranges must be known before sws_init_context: with equal ranges at init, swscale
        // picks a plain copy for same-size YUV420P input and ignores a later range change.
        scaler = sws_alloc_context();
        scaler.src_w(source.width).src_h(source.height).src_format(source.pixelFormat).src_range(source.fullRange ? 1 : 0)
                .dst_w(size.width()).dst_h(size.height()).dst_format(AV_PIX_FMT_YUV420P).dst_range(1)
                .flags(SWS_BILINEAR).threads(1);
        int initialized = sws_init_context(scaler, null, null);
        if (initialized < 0) {
            throw failure("no scaler from " + source + " to " + size, initialized);
        }
        sws_setColorspaceDetails(scaler, sws_getCoefficients(source.colorspace), source.fullRange ? 1 : 0,
                sws_getCoefficients(SWS_CS_ITU601), 1, 0, 1 << 16, 1 << 16);
        if (scaled == null || scaled.width() != size.width() || scaled.height() != size.height()) {
            openOutput(size);
        }
    }

    private void openOutput(OutputSize size) throws ConversionException {
        freeOutput();
        scaled = av_frame_alloc();
        scaled.format(AV_PIX_FMT_YUV420P);
        scaled.width(size.width());
        scaled.height(size.height());
        scaled.color_range(AVCOL_RANGE_JPEG);
        int allocated = av_frame_get_buffer(scaled, 0);
        if (allocated < 0) {
            throw failure("cannot allocate a " + size + " frame", allocated);
        }
        AVCodec mjpeg = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
        if (mjpeg == null) {
            throw new ConversionException(ErrorCode.UNSUPPORTED_FORMAT, "this FFmpeg build has no mjpeg encoder");
        }
        encoder = avcodec_alloc_context3(mjpeg);
        encoder.width(size.width());
        encoder.height(size.height());
        encoder.pix_fmt(AV_PIX_FMT_YUV420P);
        encoder.color_range(AVCOL_RANGE_JPEG);
        encoder.time_base(av_make_q(1, 25));
        encoder.flags(encoder.flags() | AV_CODEC_FLAG_QSCALE);
        encoder.global_quality(qscale * FF_QP2LAMBDA);
        encoder.qmin(qscale);
        encoder.qmax(qscale);
        // One thread per rendition keeps a camera's cost on its own session thread.
        encoder.thread_count(1);
        int opened = avcodec_open2(encoder, mjpeg, (AVDictionary) null);
        if (opened < 0) {
            throw failure("cannot open the mjpeg encoder for " + size, opened);
        }
    }

    private ConversionException failure(String what, int error) {
        return new ConversionException(ErrorCode.INTERNAL, "JPEG q" + qscale + ": " + what + ": " + FfmpegErrors.describe(error));
    }

    private void freeOutput() {
        if (encoder != null) {
            avcodec_free_context(encoder);
            encoder = null;
        }
        if (scaled != null) {
            av_frame_free(scaled);
            scaled = null;
        }
    }

    private void freeScaler() {
        if (scaler != null) {
            sws_freeContext(scaler);
            scaler = null;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        freeOutput();
        freeScaler();
        av_packet_free(packet);
    }
}
