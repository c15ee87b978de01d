package org.ucv.protocol.rtsp.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.FrameConverter;
import org.ucv.api.convert.ImageEncoder;
import org.ucv.api.convert.Picture;
import org.ucv.api.convert.VideoDecoder;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ConnectionTester;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.SnapshotCapable;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSource;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.api.stream.Quality;

/**
 * The {@code rtsp} and {@code rtsps} protocols: demuxes the camera's video with FFmpeg (no decoding
 * here), plus a connection test and a snapshot (one keyframe, decoded and encoded by the
 * {@link FrameConverter} when the stream is not already JPEG).
 */
@Component(service = StreamSourceFactory.class, configurationPid = RtspStreamSourceFactory.PID,
        property = {StreamSourceFactory.PROTOCOL_PROPERTY + "=rtsp", StreamSourceFactory.PROTOCOL_PROPERTY + "=rtsps"})
@Designate(ocd = RtspStreamSourceFactory.Config.class)
public class RtspStreamSourceFactory implements StreamSourceFactory, ConnectionTester, SnapshotCapable {
    static final String PID = "org.ucv.protocol.rtsp";
    private static final Logger LOG = LoggerFactory.getLogger(RtspStreamSourceFactory.class);

    @ObjectClassDefinition(name = "UCV RTSP protocol",
            description = "Defaults for RTSP cameras; a camera overrides each with an option of the same name.")
    public @interface Config {
        @AttributeDefinition(description = "tcp (interleaved), udp or http (tunnelled); a camera's transport field overrides it")
        String transport() default "tcp";

        @AttributeDefinition(description = "Socket I/O timeout in ms: a request the camera leaves unanswered this long fails")
        long socket_timeout_ms() default 5000;

        @AttributeDefinition(description = "The most connect + DESCRIBE + SETUP + PLAY + probing may take, in ms")
        long open_timeout_ms() default 8000;

        @AttributeDefinition(description = "The longest gap between two video packets before the stream counts as lost, in ms")
        long read_timeout_ms() default 5000;

        @AttributeDefinition(description = "How much of the stream FFmpeg reads to learn its parameters, in ms")
        long analyzeduration_ms() default 1000;

        @AttributeDefinition(description = "How many bytes FFmpeg reads to learn the stream's parameters")
        long probesize() default 1_000_000;
    }

    private final Set<RtspSource> sources = ConcurrentHashMap.newKeySet();
    private volatile RtspSettings defaults;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile FrameConverter converter;

    @Activate
    @Modified
    void activate(Config config) {
        defaults = settings(config);
        LOG.info("RTSP protocol ready: {}", defaults);
    }

    static RtspSettings settings(Config config) {
        return new RtspSettings(config.transport().trim().toLowerCase(Locale.ROOT),
                Duration.ofMillis(config.socket_timeout_ms()), Duration.ofMillis(config.open_timeout_ms()),
                Duration.ofMillis(config.read_timeout_ms()), config.analyzeduration_ms() * 1000, config.probesize());
    }

    /** The platform closes its sources when this service goes, but a bundle stop must not leave threads either. */
    @Deactivate
    void deactivate() {
        for (RtspSource source : List.copyOf(sources)) {
            source.close();
        }
    }

    @Override
    public StreamSource open(CameraConfig camera, MediaSink sink) {
        RtspSource source = new RtspSource(camera, defaults, sink, sources::remove);
        sources.add(source);
        source.start();
        return source;
    }

    @Override
    public ConnectionTestResult test(CameraConfig camera, Duration timeout) throws SourceException {
        long start = System.nanoTime();
        try (RtspConnection connection = connect(camera, timeout, start)) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new ConnectionTestResult(elapsed, connection.codec(), connection.codec() + " "
                    + connection.width() + "x" + connection.height() + " over "
                    + settingsFor(camera).transport().toUpperCase(Locale.ROOT));
        }
    }

    @Override
    public byte[] snapshot(CameraConfig camera, Duration timeout) throws SourceException {
        long start = System.nanoTime();
        long end = start + timeout.toNanos();
        try (RtspConnection connection = connect(camera, timeout, start)) {
            MediaPacket key;
            do {
                key = next(camera, connection, end);
            } while (!key.keyframe());
            if (key.codec().intraOnly()) {
                return key.payload();
            }
            return decodeToJpeg(camera, connection, key, end);
        }
    }

    private byte[] decodeToJpeg(CameraConfig camera, RtspConnection connection, MediaPacket key, long end)
            throws SourceException {
        FrameConverter frames = converter;
        if (frames == null) {
            throw new SourceException(ErrorCode.INTERNAL, "camera '" + camera.id()
                    + "': no frame converter is running to decode a " + key.codec() + " snapshot");
        }
        try (VideoDecoder decoder = frames.openDecoder(camera.id(), key.codec());
             ImageEncoder encoder = frames.openEncoder("jpeg", Quality.HIGH, 0)) {
            // A decoder may hold a picture back for a packet or two before it gives it out.
            Picture picture = decoder.decode(key);
            while (picture == null) {
                picture = decoder.decode(next(camera, connection, end));
            }
            return encoder.encode(picture).data();
        } catch (ConversionException e) {
            throw new SourceException(e.code(), "camera '" + camera.id() + "': snapshot: " + camera.redact(e.getMessage()), e);
        }
    }

    /** @return the next video packet before {@code end} (a System.nanoTime value) */
    private static MediaPacket next(CameraConfig camera, RtspConnection connection, long end) throws SourceException {
        long left = end - System.nanoTime();
        MediaPacket packet = left > 0 ? connection.read(Duration.ofNanos(left)) : null;
        if (packet == null) {
            throw new SourceException(ErrorCode.TIMEOUT, "camera '" + camera.id() + "': no picture in time");
        }
        return packet;
    }

    private RtspConnection connect(CameraConfig camera, Duration timeout, long start) throws SourceException {
        String url;
        RtspSettings settings;
        try {
            url = RtspUrls.of(camera);
            settings = settingsFor(camera).capOpen(timeout);
        } catch (IllegalArgumentException e) {
            throw new SourceException(ErrorCode.INVALID_PARAMS, "camera '" + camera.id() + "': " + camera.redact(e.getMessage()));
        }
        long end = start + timeout.toNanos();
        Optional<RtspConnection> connection = RtspConnection.open(camera, url, settings, () -> System.nanoTime() - end > 0);
        return connection.orElseThrow(() -> new SourceException(ErrorCode.TIMEOUT,
                "camera '" + camera.id() + "': no answer within " + timeout.toMillis() + " ms"));
    }

    RtspSettings settingsFor(CameraConfig camera) {
        return defaults.forCamera(camera);
    }
}
