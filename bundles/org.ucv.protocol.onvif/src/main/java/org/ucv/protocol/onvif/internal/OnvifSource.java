package org.ucv.protocol.onvif.internal;

import java.time.Duration;
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
import org.ucv.api.spi.StreamSourceFactory;

/**
 * An ONVIF camera's stream: its thread ({@code ucv-onvif-<id>}) asks the device for the stream URI
 * (bounded by {@code resolve_timeout_ms}), then opens an RTSP source through the SPI and ends; the
 * RTSP source's packets and state go to our sink through this source, so that after {@link #close()}
 * nothing reaches the sink, whichever thread is still running.
 */
public final class OnvifSource implements StreamSource {
    private static final Logger LOG = LoggerFactory.getLogger(OnvifSource.class);
    private static final Duration JOIN_BOUND = Duration.ofSeconds(3);

    /** Finds the stream URI and the RTSP camera for it. */
    @FunctionalInterface
    public interface Resolver {
        /**
         * @param camera the ONVIF camera
         * @param budget the time left and the abort
         * @return the RTSP camera to open
         * @throws SourceException with the cause's code
         */
        CameraConfig resolve(CameraConfig camera, Budget budget) throws SourceException;
    }

    /** The RTSP factory now serving, or null. */
    @FunctionalInterface
    public interface RtspFactories {
        StreamSourceFactory current();
    }

    private final CameraConfig camera;
    private final MediaSink sink;
    private final Resolver resolver;
    private final RtspFactories rtsp;
    private final Consumer<OnvifSource> onClosed;
    private final Budget budget;
    private final SourceThread thread;
    private final Object innerLock = new Object();
    private StreamSource inner;
    private StreamSourceFactory innerFactory;

    /**
     * @param camera the ONVIF camera
     * @param sink where packets and states go
     * @param resolver finds the RTSP camera
     * @param rtsp the RTSP factories
     * @param resolveTimeout the most resolving may take
     * @param onClosed told once when this source closes (the factory forgets it)
     */
    public OnvifSource(CameraConfig camera, MediaSink sink, Resolver resolver, RtspFactories rtsp,
                       Duration resolveTimeout, Consumer<OnvifSource> onClosed) {
        this.camera = camera;
        this.sink = sink;
        this.resolver = resolver;
        this.rtsp = rtsp;
        this.onClosed = onClosed;
        this.budget = Budget.of(resolveTimeout);
        this.thread = new SourceThread("ucv-onvif-" + camera.id(), this::run, false, JOIN_BOUND, this::shutdown);
    }

    /** Starts the thread; once. */
    public void start() {
        thread.start();
    }

    /** @return the camera this source streams */
    public CameraConfig camera() {
        return camera;
    }

    private void run() {
        thread.call(sink::connecting);
        CameraConfig rtspCamera;
        try {
            rtspCamera = resolver.resolve(camera, budget);
        } catch (SourceException e) {
            if (!thread.isClosed()) {
                LOG.warn("{}", camera.redact(e.getMessage()));
            }
            thread.call(() -> sink.failed(e.code(), camera.redact(e.getMessage())));
            return;
        } catch (RuntimeException e) {
            LOG.error("Camera '{}': resolving the ONVIF stream failed", camera.id(), e);
            thread.call(() -> sink.failed(ErrorCode.INTERNAL, "camera '" + camera.id() + "': resolving the ONVIF stream"
                    + " failed: " + camera.redact(String.valueOf(e.getMessage()))));
            return;
        }
        StreamSourceFactory factory = rtsp.current();
        if (factory == null) {
            String m = "camera '" + camera.id() + "': the ONVIF camera streams over RTSP, and no plugin serves"
                    + " protocol 'rtsp' now";
            LOG.warn(m);
            thread.call(() -> sink.failed(ErrorCode.PROTOCOL_MISSING, m));
            return;
        }
        synchronized (innerLock) {
            if (thread.isClosed()) {
                return;
            }
            try {
                inner = factory.open(rtspCamera, new Forward());
                innerFactory = factory;
            } catch (RuntimeException e) {
                LOG.error("Camera '{}': the RTSP plugin failed to open the ONVIF stream", camera.id(), e);
                thread.call(() -> sink.failed(ErrorCode.INTERNAL, "camera '" + camera.id()
                        + "': the RTSP plugin failed to open the stream: " + camera.redact(String.valueOf(e.getMessage()))));
            }
        }
    }

    /**
     * The RTSP factory went away: its bundle closed its sources silently, so this source tells the
     * platform it lost the stream (the platform re-opens it, and resolving then finds the next RTSP
     * factory or reports {@code protocol_missing}).
     *
     * @param factory the factory that went
     */
    public void factoryGone(StreamSourceFactory factory) {
        StreamSource gone;
        synchronized (innerLock) {
            if (innerFactory != factory || inner == null) {
                return;
            }
            gone = inner;
            inner = null;
            innerFactory = null;
        }
        gone.close(); // idempotent: the plugin has closed it already, or is about to
        thread.call(() -> sink.lost("camera '" + camera.id() + "': the RTSP plugin went away"));
    }

    private void shutdown() {
        budget.abort();
        StreamSource toClose;
        synchronized (innerLock) {
            toClose = inner;
            inner = null;
            innerFactory = null;
        }
        if (toClose != null) {
            try {
                toClose.close();
            } catch (RuntimeException e) {
                LOG.warn("Camera '{}': closing its RTSP source failed: {}", camera.id(), camera.redact(e.getMessage()));
            }
        }
        onClosed.accept(this);
    }

    @Override
    public void close() {
        if (!thread.close()) {
            LOG.warn("Camera '{}': thread {} still running {} ms after close", camera.id(), thread.name(),
                    JOIN_BOUND.toMillis());
        }
    }

    /** Passes the RTSP source's calls on, while this source is open. */
    private final class Forward implements MediaSink {
        @Override
        public void connecting() {
            // already said: this source reported connecting when it started resolving
        }

        @Override
        public void streaming() {
            thread.call(sink::streaming);
        }

        @Override
        public void packet(MediaPacket packet) {
            thread.call(() -> sink.packet(packet));
        }

        @Override
        public void lost(String reason) {
            thread.call(() -> sink.lost(reason));
        }

        @Override
        public void failed(ErrorCode code, String message) {
            thread.call(() -> sink.failed(code, message));
        }
    }
}
