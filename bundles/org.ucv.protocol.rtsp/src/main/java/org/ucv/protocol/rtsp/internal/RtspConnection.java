package org.ucv.protocol.rtsp.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.SourceException;

/**
 * One RTSP session through FFmpeg's avformat: open (connect, DESCRIBE with authentication, SETUP,
 * PLAY, a bounded probe), then demuxed video packets, no decoding. Not thread-safe: one thread
 * opens, reads and closes it; another thread may only cancel it (through the supplier given to
 * {@link #open}), which FFmpeg notices within its polling interval (about 100 ms) in any blocking
 * call, so closing never waits on the network.
 *
 * <p>Every text it produces names the camera and has the URL's credentials masked.
 */
final class RtspConnection implements AutoCloseable {
    private static final String USER_AGENT = "UCV";
    /** How long a TCP connect may take when telling a dead host from a silent camera after a time-out. */
    private static final int PROBE_CONNECT_MILLIS = 1500;
    private static final long REBASE_MICROS = 1_000_000;
    /**
     * One native callback for all connections: JavaCPP gives each function-pointer class a small,
     * fixed number of native thunks, so a thunk per connection would run out with a dozen cameras.
     * The opaque pointer carries the connection's key.
     */
    private static final Interrupt INTERRUPT = new Interrupt();
    private static final Map<Long, RtspConnection> OPEN = new ConcurrentHashMap<>();
    private static final AtomicLong KEYS = new AtomicLong();

    static {
        avformat_network_init();
    }

    private final CameraConfig camera;
    private final String maskedUrl;
    private final BooleanSupplier cancelled;
    private final long key = KEYS.incrementAndGet();
    private final LongPointer opaque = new LongPointer(1);
    private volatile long deadlineNanos;
    private volatile boolean deadlineHit;
    private AVFormatContext context;
    private AVPacket packet;
    private int videoIndex;
    private Codec codec;
    private int width;
    private int height;
    private byte[] codecConfig;
    private double microsPerTick;
    private long ptsOffsetMicros;
    private long lastPtsMicros;
    private long startNanos;
    private long socketTimeoutMillis;
    private boolean closed;

    private RtspConnection(CameraConfig camera, String url, BooleanSupplier cancelled) {
        this.camera = camera;
        this.maskedUrl = camera.redact(url);
        this.cancelled = cancelled;
        opaque.put(key);
    }

    /**
     * Opens the stream and finds its video.
     *
     * @param camera the camera, for texts and masking
     * @param url the URL with credentials (see {@link RtspUrls#of})
     * @param settings transport and bounds
     * @param cancelled true once the caller wants the open to stop (it then returns empty)
     * @return the open connection, or empty when cancelled
     * @throws SourceException with the cause's code
     */
    static Optional<RtspConnection> open(CameraConfig camera, String url, RtspSettings settings,
                                         BooleanSupplier cancelled) throws SourceException {
        RtspConnection c = new RtspConnection(camera, url, cancelled);
        boolean done = false;
        try {
            boolean open = c.start(url, settings);
            done = open;
            return open ? Optional.of(c) : Optional.empty();
        } finally {
            if (!done) {
                c.close();
            }
        }
    }

    private boolean start(String url, RtspSettings settings) throws SourceException {
        OPEN.put(key, this);
        context = avformat_alloc_context();
        AVIOInterruptCB callback = context.interrupt_callback();
        callback.callback(INTERRUPT);
        callback.opaque(opaque);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "rtsp_transport", settings.transport(), 0);
        av_dict_set(options, "timeout", Long.toString(settings.socketTimeout().toNanos() / 1000), 0);
        av_dict_set(options, "analyzeduration", Long.toString(settings.analyzeDurationMicros()), 0);
        av_dict_set(options, "probesize", Long.toString(settings.probeSize()), 0);
        // Only the video is set up: an audio track would cost a SETUP and bandwidth for nothing.
        av_dict_set(options, "allowed_media_types", "video", 0);
        av_dict_set(options, "user_agent", USER_AGENT, 0);
        // Packets reordered over UDP wait at most this long (microseconds).
        av_dict_set(options, "max_delay", "500000", 0);
        if (settings.transport().equals("udp")) {
            av_dict_set(options, "buffer_size", Integer.toString(2 * 1024 * 1024), 0);
        }
        socketTimeoutMillis = settings.socketTimeout().toMillis();
        startNanos = System.nanoTime();
        deadlineNanos = startNanos + settings.openTimeout().toNanos();
        int opened;
        try {
            opened = avformat_open_input(context, url, null, options);
        } finally {
            av_dict_free(options);
        }
        if (opened < 0) {
            // FFmpeg frees a context it was given when the open fails.
            context = null;
            return failOpen(opened, "cannot open");
        }
        int found = avformat_find_stream_info(context, (PointerPointer<?>) null);
        if (found < 0) {
            return failOpen(found, "cannot read the stream's parameters");
        }
        videoIndex = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (videoIndex < 0) {
            throw new SourceException(ErrorCode.UNSUPPORTED_CODEC, prefix() + maskedUrl + " has no video stream");
        }
        AVStream stream = context.streams(videoIndex);
        AVCodecParameters parameters = stream.codecpar();
        int codecId = parameters.codec_id();
        codec = codec(codecId);
        if (codec == null) {
            throw new SourceException(ErrorCode.UNSUPPORTED_CODEC, prefix() + maskedUrl + " sends "
                    + avcodec_get_name(codecId).getString() + " video; supported are H.264, H.265 and MJPEG");
        }
        width = parameters.width();
        height = parameters.height();
        if (parameters.extradata_size() > 0 && parameters.extradata() != null) {
            byte[] extradata = new byte[parameters.extradata_size()];
            parameters.extradata().get(extradata);
            codecConfig = AnnexB.codecConfig(extradata, codec);
        }
        microsPerTick = 1_000_000.0 * stream.time_base().num() / stream.time_base().den();
        packet = av_packet_alloc();
        return true;
    }

    private static Codec codec(int codecId) {
        if (codecId == AV_CODEC_ID_H264) {
            return Codec.H264;
        } else if (codecId == AV_CODEC_ID_HEVC) {
            return Codec.H265;
        } else if (codecId == AV_CODEC_ID_MJPEG) {
            return Codec.MJPEG;
        }
        return null;
    }

    /** @return false when cancelled; else throws the failure with its code */
    private boolean failOpen(int error, String what) throws SourceException {
        if (cancelled.getAsBoolean()) {
            return false;
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        // A reply that never comes surfaces as "invalid data" once the socket timeout has passed
        // (FFmpeg reports its failed read of the RTSP answer that way): that is a silent camera.
        boolean silent = deadlineHit || error == RtspErrors.TIMED_OUT
                || (error == RtspErrors.INVALIDDATA && millis >= socketTimeoutMillis * 9 / 10);
        ErrorCode code = silent ? ErrorCode.TIMEOUT : RtspErrors.classify(error);
        String status = RtspErrors.statusText(error);
        String cause = silent ? "no answer within " + millis + " ms"
                : status != null ? "the camera answered " + status : describe(error);
        if (code == ErrorCode.TIMEOUT && !tcpReachable()) {
            code = ErrorCode.CAMERA_UNREACHABLE;
            cause = "no TCP connection (" + cause + ")";
        }
        throw new SourceException(code, prefix() + what + " " + maskedUrl + ": " + cause);
    }

    /**
     * A time-out means either that nothing answers at that address or that the camera accepted the
     * connection and then said nothing: one plain TCP connect tells which.
     */
    private boolean tcpReachable() {
        Optional<InetSocketAddress> address = RtspUrls.address(maskedUrl);
        if (address.isEmpty()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.get().getHostString(), address.get().getPort()),
                    PROBE_CONNECT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param readTimeout the longest wait for the next video packet
     * @return the next video packet, or null when cancelled
     * @throws SourceException {@code timeout} when none came in time, {@code camera_unreachable}
     *         when the connection failed or the camera ended the stream
     */
    MediaPacket read(Duration readTimeout) throws SourceException {
        deadlineNanos = System.nanoTime() + readTimeout.toNanos();
        while (true) {
            int read = av_read_frame(context, packet);
            if (read < 0) {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                if (deadlineHit || read == RtspErrors.TIMED_OUT) {
                    throw new SourceException(ErrorCode.TIMEOUT, prefix() + "no video from " + maskedUrl
                            + " for " + readTimeout.toMillis() + " ms");
                }
                String cause = read == RtspErrors.EOF ? "the camera ended the stream" : describe(read);
                throw new SourceException(ErrorCode.CAMERA_UNREACHABLE, prefix() + "reading " + maskedUrl + " failed: " + cause);
            }
            try {
                if (packet.stream_index() == videoIndex && packet.size() > 0) {
                    return toMediaPacket();
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    private MediaPacket toMediaPacket() {
        byte[] payload = new byte[packet.size()];
        packet.data().get(payload, 0, payload.length);
        boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0 || AnnexB.containsKeyframe(payload, codec);
        return new MediaPacket(codec, payload, ptsMicros(), epochMicros(), key, key ? codecConfig : null);
    }

    /**
     * Stream time from the packet's pts (else dts), never going back. A packet without either (the
     * first ones of an RTSP stream, before the parser has a timestamp) keeps the previous time. A
     * jump back of more than a second (RTP time re-based on the first RTCP sender report) moves the
     * offset so the time goes on from where it was.
     */
    private long ptsMicros() {
        long ticks = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        long micros = lastPtsMicros;
        if (ticks != AV_NOPTS_VALUE) {
            long raw = Math.round(ticks * microsPerTick);
            micros = raw + ptsOffsetMicros;
            if (micros < lastPtsMicros - REBASE_MICROS) {
                ptsOffsetMicros = lastPtsMicros - raw;
                micros = lastPtsMicros;
            }
        }
        micros = Math.max(micros, lastPtsMicros);
        lastPtsMicros = micros;
        return micros;
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    Codec codec() {
        return codec;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** @return the parameter sets as Annex B, or null */
    byte[] codecConfig() {
        return codecConfig;
    }

    /** Ends the session (FFmpeg sends TEARDOWN unless cancelled) and frees everything. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (context != null) {
            // A TEARDOWN to a camera that stopped answering would wait the socket timeout: bound it.
            deadlineNanos = Math.min(deadlineNanos, System.nanoTime() + 1_000_000_000L);
            avformat_close_input(context);
            context = null;
        }
        OPEN.remove(key);
        opaque.close();
    }

    private String prefix() {
        return "camera '" + camera.id() + "': ";
    }

    private String describe(int error) {
        return camera.redact(errorText(error));
    }

    /**
     * FFmpeg's text for an error number. Read up to the terminating NUL: a BytePointer's
     * getString() would return the whole buffer, junk after the text included.
     */
    static String errorText(int error) {
        byte[] text = new byte[256];
        if (av_strerror(error, text, text.length) < 0) {
            return "error " + error;
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.UTF_8);
    }

    /** True when FFmpeg should give up what it is waiting for. */
    private boolean interrupted() {
        if (cancelled.getAsBoolean()) {
            return true;
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            deadlineHit = true;
            return true;
        }
        return false;
    }

    private static final class Interrupt extends AVIOInterruptCB.Callback_Pointer {
        @Override
        public int call(Pointer opaque) {
            if (opaque == null || opaque.isNull()) {
                return 0;
            }
            RtspConnection c = OPEN.get(new LongPointer(opaque).get());
            return c != null && c.interrupted() ? 1 : 0;
        }
    }
}
