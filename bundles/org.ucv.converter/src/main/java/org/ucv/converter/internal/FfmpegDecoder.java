package org.ucv.converter.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.Arrays;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.Picture;
import org.ucv.api.convert.VideoDecoder;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;

/**
 * Decodes one camera's Annex B (or JPEG) packets with FFmpeg's send/receive API. The packet
 * buffer, the AVPacket and the AVFrames are allocated once and reused for every packet.
 *
 * <p>FFmpeg's default error concealment stays on: a damaged slice still gives a (patched)
 * picture, and a camera with quirky SEI keeps working. What FFmpeg cannot use at all (no start
 * code, undecodable headers) throws.
 */
public final class FfmpegDecoder implements VideoDecoder {
    private static final byte[] PADDING = new byte[AV_INPUT_BUFFER_PADDING_SIZE];

    private final String cameraId;
    private final Codec codec;
    private final AVCodecContext context;
    private final AVPacket packet;
    private final AVFrame frame;
    private final AVFrame spare;
    private final FfmpegPicture picture;
    private BytePointer buffer;
    private byte[] configSent;
    private boolean closed;

    /**
     * @throws ConversionException {@code unsupported_codec} when this FFmpeg build cannot decode it
     */
    public FfmpegDecoder(String cameraId, Codec codec) throws ConversionException {
        this.cameraId = cameraId;
        this.codec = codec;
        AVCodec decoder = avcodec_find_decoder(codecId(cameraId, codec));
        if (decoder == null) {
            throw new ConversionException(ErrorCode.UNSUPPORTED_CODEC,
                    "camera " + cameraId + ": this FFmpeg build has no " + codec + " decoder");
        }
        context = avcodec_alloc_context3(decoder);
        // One thread per camera: frame threading would delay every picture by a frame per thread,
        // and cameras already decode in parallel on their own session threads.
        context.thread_count(1);
        int opened = avcodec_open2(context, decoder, (AVDictionary) null);
        if (opened < 0) {
            avcodec_free_context(context);
            throw new ConversionException(ErrorCode.INTERNAL,
                    "camera " + cameraId + ": cannot open the " + codec + " decoder: " + FfmpegErrors.describe(opened));
        }
        packet = av_packet_alloc();
        frame = av_frame_alloc();
        spare = av_frame_alloc();
        picture = new FfmpegPicture(frame);
        buffer = new BytePointer(64 * 1024 + PADDING.length);
    }

    private static int codecId(String cameraId, Codec codec) throws ConversionException {
        switch (codec) {
            case H264: return AV_CODEC_ID_H264;
            case H265: return AV_CODEC_ID_HEVC;
            case MJPEG: return AV_CODEC_ID_MJPEG;
            default:
                throw new ConversionException(ErrorCode.UNSUPPORTED_CODEC,
                        "camera " + cameraId + ": no decoder for codec " + codec);
        }
    }

    @Override
    public Picture decode(MediaPacket media) throws ConversionException {
        if (closed) {
            throw new IllegalStateException("camera " + cameraId + ": decoder closed");
        }
        if (media.codec() != codec) {
            throw new ConversionException(ErrorCode.UNSUPPORTED_CODEC, "camera " + cameraId + ": a "
                    + media.codec() + " packet reached the " + codec + " decoder");
        }
        picture.invalidate();
        byte[] config = media.codecConfig();
        boolean withConfig = config != null && !Arrays.equals(config, configSent);
        fill(withConfig ? config : null, media.payload());
        packet.pts(media.ptsMicros());
        packet.flags(media.keyframe() ? AV_PKT_FLAG_KEY : 0);

        boolean got = false;
        int sent = avcodec_send_packet(context, packet);
        if (sent == AVERROR_EAGAIN()) {
            // Pictures are still waiting: take them (a newer one replaces them) and resend.
            got = drain(false, media);
            sent = avcodec_send_packet(context, packet);
        }
        if (sent < 0) {
            throw corrupt(media, sent);
        }
        if (withConfig) {
            configSent = config;
        }
        got = drain(got, media);
        if (!got) {
            return null;
        }
        picture.validate();
        return picture;
    }

    /**
     * Receives every picture the decoder has ready, keeping the latest in {@code frame}: a packet
     * holding two pictures then costs one, instead of delaying every later picture by one.
     *
     * @param got whether {@code frame} already holds a picture to keep unless a newer one comes
     */
    private boolean drain(boolean got, MediaPacket media) throws ConversionException {
        while (true) {
            int received = avcodec_receive_frame(context, got ? spare : frame);
            if (received == AVERROR_EAGAIN() || received == AVERROR_EOF()) {
                return got;
            }
            if (received < 0) {
                throw corrupt(media, received);
            }
            if (got) {
                av_frame_unref(frame);
                av_frame_move_ref(frame, spare);
            }
            got = true;
        }
    }

    private ConversionException corrupt(MediaPacket media, int error) {
        return new ConversionException(ErrorCode.INTERNAL, "camera " + cameraId + ": cannot decode " + media
                + ": " + FfmpegErrors.describe(error));
    }

    /** Copies the packet into native memory followed by the zeroed padding FFmpeg's readers need. */
    private void fill(byte[] config, byte[] payload) {
        int prefix = config == null ? 0 : config.length;
        int size = prefix + payload.length;
        if (buffer.capacity() < size + PADDING.length) {
            buffer.close();
            buffer = new BytePointer(size + size / 2 + PADDING.length);
        }
        if (config != null) {
            buffer.position(0).put(config, 0, prefix);
        }
        buffer.position(prefix).put(payload, 0, payload.length);
        buffer.position(size).put(PADDING, 0, PADDING.length);
        packet.data(buffer.position(0));
        packet.size(size);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        picture.invalidate();
        avcodec_free_context(context);
        av_packet_free(packet);
        av_frame_free(frame);
        av_frame_free(spare);
        buffer.close();
    }
}
