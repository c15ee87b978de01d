package org.ucv.protocol.http.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.SourceThread;
import org.ucv.api.spi.StreamSource;

/**
 * What both HTTP sources share: the thread {@code ucv-http-<cameraId>}, sink calls that stop at
 * {@link #close()}, the JPEG check with its counter, and how an ending is reported (a failure
 * before the first picture is {@code failed(code)}, after it {@code lost}).
 *
 * <p>Every sink call goes through {@link SourceThread#call(Runnable)}, so once {@link #close()} has
 * closed the thread no call can start. {@link #close()} closes the socket, which ends a blocked read
 * at once, then joins the thread (bounded).
 */
abstract class HttpSource implements StreamSource {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSource.class);
    private static final long JOIN_MILLIS = 3000;

    protected final CameraConfig camera;
    protected final HttpOptions options;
    protected final HttpTarget target;
    protected final CameraHttp http;
    private final MediaSink sink;
    private final SourceThread thread;
    private final long originNanos = System.nanoTime();
    private boolean streaming;
    private long corrupt;

    HttpSource(CameraConfig camera, HttpOptions options, HttpTarget target, MediaSink sink,
               Consumer<HttpSource> onClose) {
        this.camera = camera;
        this.options = options;
        this.target = target;
        this.http = new CameraHttp(camera, options, target);
        this.sink = sink;
        // The first close closes the socket (a later one would find it closed): that ends a blocked
        // read before the factory is told and the thread is joined.
        this.thread = new SourceThread("ucv-http-" + camera.id(), this::runAndReport, true,
                Duration.ofMillis(JOIN_MILLIS), () -> {
                    http.close();
                    onClose.accept(this);
                });
    }

    final void start() {
        thread.start();
    }

    /** @return whether {@link #close()} has been called; the subclasses' loop condition */
    protected final boolean closed() {
        return thread.isClosed();
    }

    /**
     * Fetches pictures until closed or failed.
     *
     * @throws SourceException how it ended
     */
    protected abstract void run() throws SourceException;

    private void runAndReport() {
        if (!thread.call(sink::connecting)) {
            return;
        }
        try {
            run();
        } catch (SourceException e) {
            if (closed()) {
                return;
            }
            LOG.debug("{}", e.getMessage());
            // Once pictures have flowed the camera is known good: the core reconnects either way,
            // but "lost" tells viewers it was working.
            thread.call(() -> {
                if (streaming) {
                    sink.lost(e.getMessage());
                } else {
                    sink.failed(e.code(), e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.error("Camera '{}': HTTP source failed", camera.id(), e);
            thread.call(() -> sink.failed(ErrorCode.INTERNAL, camera.redact("Camera '" + camera.id()
                    + "': HTTP source failed: " + e)));
        }
    }

    /**
     * Hands a picture to the sink if it is a whole JPEG; counts and skips it otherwise.
     *
     * @param jpeg the bytes of one part or one snapshot
     * @return true when it was delivered
     */
    protected final boolean picture(byte[] jpeg) {
        if (!Jpeg.isComplete(jpeg)) {
            corrupt++;
            if (Long.bitCount(corrupt) == 1) { // 1, 2, 4, 8, ...: visible, never a flood
                LOG.warn("Camera '{}': skipped a corrupt JPEG of {} bytes (no SOI/EOI); {} corrupt so far",
                        camera.id(), jpeg.length, corrupt);
            }
            return false;
        }
        long now = System.nanoTime();
        MediaPacket packet = new MediaPacket(Codec.MJPEG, jpeg, (now - originNanos) / 1000, epochMicros(), true, null);
        return thread.call(() -> {
            if (!streaming) {
                streaming = true;
                sink.streaming();
            }
            sink.packet(packet);
        });
    }

    /** @return corrupt pictures skipped so far */
    final long corrupt() {
        return corrupt;
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    @Override
    public final void close() {
        if (!thread.close()) {
            LOG.warn("Camera '{}': thread {} did not end within {} ms; it makes no further sink call",
                    camera.id(), thread.name(), JOIN_MILLIS);
        }
    }
}
