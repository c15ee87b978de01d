package org.ucv.protocol.rtsp.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.SourceThread;
import org.ucv.api.spi.StreamSource;

/**
 * One camera's RTSP stream on its own thread {@code ucv-<protocol>-<cameraId>}: opens, then hands
 * every video packet to the sink until closed or the stream fails. A failure before the first packet
 * is {@code failed(code)}, after it {@code lost}; reconnecting is the platform's job.
 *
 * <p>Every sink call goes through {@link SourceThread#call(Runnable)}, so once {@link #close()} has
 * closed the thread no further call starts. Closing cancels FFmpeg's blocking calls through the
 * interrupt callback, so the thread ends within about 100 ms plus a bounded TEARDOWN.
 */
final class RtspSource implements StreamSource {
    private static final Logger LOG = LoggerFactory.getLogger(RtspSource.class);
    private static final long JOIN_MILLIS = 3000;

    private final CameraConfig camera;
    private final RtspSettings defaults;
    private final MediaSink sink;
    private final SourceThread thread;

    /**
     * @param camera the camera
     * @param defaults transport and bounds, before the camera's own options
     * @param sink where packets and state go
     * @param onClose told once, by the first {@link #close()}
     */
    RtspSource(CameraConfig camera, RtspSettings defaults, MediaSink sink, Consumer<RtspSource> onClose) {
        this.camera = camera;
        this.defaults = defaults;
        this.sink = sink;
        // Not interrupted on close: the closed flag, polled by FFmpeg's interrupt callback, ends its calls.
        this.thread = new SourceThread("ucv-" + camera.protocol() + "-" + camera.id(), this::run, false,
                Duration.ofMillis(JOIN_MILLIS), () -> onClose.accept(this));
    }

    void start() {
        thread.start();
    }

    private void run() {
        if (!thread.call(sink::connecting)) {
            return;
        }
        String url;
        RtspSettings settings;
        try {
            url = RtspUrls.of(camera);
            settings = defaults.forCamera(camera);
        } catch (IllegalArgumentException e) {
            String message = camera.redact(e.getMessage());
            thread.call(() -> sink.failed(ErrorCode.INVALID_PARAMS, message));
            return;
        }
        boolean streaming = false;
        Optional<RtspConnection> opened = Optional.empty();
        try {
            opened = RtspConnection.open(camera, url, settings, thread::isClosed);
            if (opened.isEmpty()) {
                return;
            }
            RtspConnection connection = opened.get();
            LOG.info("Camera '{}': {} {}x{} from {} over {}", camera.id(), connection.codec(), connection.width(),
                    connection.height(), camera.redact(url), settings.transport().toUpperCase(Locale.ROOT));
            while (!thread.isClosed()) {
                MediaPacket packet = connection.read(settings.readTimeout());
                if (packet == null) {
                    return;
                }
                if (!streaming) {
                    streaming = true;
                    if (!thread.call(sink::streaming)) {
                        return;
                    }
                }
                if (!thread.call(() -> sink.packet(packet))) {
                    return;
                }
            }
        } catch (SourceException e) {
            String message = withoutCameraPrefix(camera.redact(e.getMessage()));
            if (streaming) {
                thread.call(() -> sink.lost(message));
            } else {
                thread.call(() -> sink.failed(e.code(), message));
            }
        } catch (RuntimeException | LinkageError e) {
            // FFmpeg missing or a bug: report it, or the camera would wait forever in "connecting".
            LOG.error("Camera '{}': the RTSP source failed", camera.id(), e);
            String message = "the RTSP source failed: " + camera.redact(String.valueOf(e.getMessage()));
            thread.call(() -> sink.failed(ErrorCode.INTERNAL, message));
        } finally {
            opened.ifPresent(RtspConnection::close);
        }
    }

    /**
     * The platform puts the camera's name before a reason from the sink; the texts of
     * {@link RtspConnection} name it themselves because snapshots and tests report them as they are.
     */
    private String withoutCameraPrefix(String message) {
        String prefix = "camera '" + camera.id() + "': ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    @Override
    public void close() {
        if (!thread.close()) {
            LOG.warn("Camera '{}': RTSP thread {} did not end within {} ms; it makes no further sink call",
                    camera.id(), thread.name(), JOIN_MILLIS);
        }
    }
}
