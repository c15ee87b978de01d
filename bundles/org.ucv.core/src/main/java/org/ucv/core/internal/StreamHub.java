package org.ucv.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.camera.CameraListener;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraState;
import org.ucv.api.convert.FrameConverter;
import org.ucv.api.metrics.MetricsService;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;

/**
 * The stream service without the framework: camera sessions by camera id, started by the first
 * viewer and stopped {@code linger_ms} after the last. One timer thread, {@code ucv-core-timer},
 * runs reconnects, lingers and the camera-registry follow-ups (which may wait for a source to
 * close, so they never run on the registry's or a source's thread).
 */
public final class StreamHub implements StreamService, CameraListener {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);
    private static final long TIMER_STOP_MS = 5_000;
    private static final long TIMER_IDLE_MS = 2_000;

    private final CameraRegistry registry;
    private final FrameConverter converter;
    private final MetricsService metrics;
    private final FactoryTable factories;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicLong viewerIds = new AtomicLong();
    private final Map<String, CameraSession> sessions = new HashMap<>();
    private volatile Settings settings;
    private boolean closed;

    public StreamHub(CameraRegistry registry, FrameConverter converter, MetricsService metrics, FactoryTable factories,
                     Settings settings) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.converter = Objects.requireNonNull(converter, "converter");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.factories = Objects.requireNonNull(factories, "factories");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ucv-core-timer");
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
        // An idle server keeps no thread of ours: the timer thread ends once nothing is scheduled
        // (a pending linger or reconnect keeps it alive) and a new one starts with the next task.
        this.timer.setKeepAliveTime(TIMER_IDLE_MS, TimeUnit.MILLISECONDS);
        this.timer.allowCoreThreadTimeOut(true);
    }

    /** Starts following the camera registry. */
    public void start() {
        registry.addListener(this);
    }

    /** @param newSettings the settings from now on (the queue size applies to sessions started later) */
    public void settings(Settings newSettings) {
        settings = Objects.requireNonNull(newSettings, "settings");
    }

    @Override
    public ViewerSession open(String cameraId, ViewerRequest request, StreamViewer viewer) throws StreamException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(viewer, "viewer");
        CameraConfig camera = camera(cameraId);
        ViewerRequest snapped = checked(request);
        CameraSession session;
        ViewerSlot slot;
        StreamEvent forNew;
        synchronized (this) {
            if (closed) {
                throw new StreamException(ErrorCode.INTERNAL, "the stream service is stopping");
            }
            int max = settings.maxViewers();
            if (viewerCount() >= max) {
                throw new StreamException(ErrorCode.TOO_MANY_VIEWERS, "the server serves at most " + max
                        + " viewers; camera '" + cameraId + "' cannot get another");
            }
            session = sessions.computeIfAbsent(cameraId, id -> new CameraSession(camera, converter,
                    metrics.openStream(id), factories, timer, settings.packetQueue()));
            String viewerId = cameraId + "-" + viewerIds.incrementAndGet();
            slot = new ViewerSlot(viewerId, cameraId, snapped, viewer,
                    session.meter().openViewer(viewerId, snapped.fps()));
            forNew = session.add(slot);
        }
        if (forNew != null) {
            slot.event(forNew);
        }
        return new Subscription(this, session, slot);
    }

    @Override
    public Set<String> formats() {
        return converter.formats();
    }

    @Override
    public List<StreamInfo> streams() {
        List<CameraSession> running;
        synchronized (this) {
            running = new ArrayList<>(sessions.values());
        }
        List<StreamInfo> out = new ArrayList<>(running.size());
        for (CameraSession s : running) {
            out.add(s.info());
        }
        out.sort((a, b) -> a.cameraId().compareTo(b.cameraId()));
        return out;
    }

    @Override
    public CameraState state(String cameraId) throws StreamException {
        camera(cameraId);
        CameraSession session;
        synchronized (this) {
            session = sessions.get(cameraId);
        }
        return session == null ? CameraState.IDLE : session.state();
    }

    @Override
    public void cameraChanged(CameraConfig camera) {
        CameraSession session;
        synchronized (this) {
            session = closed ? null : sessions.get(camera.id());
        }
        if (session != null) {
            later(() -> session.reconfigure(camera));
        }
    }

    @Override
    public void cameraRemoved(String cameraId) {
        CameraSession session;
        synchronized (this) {
            session = closed ? null : sessions.remove(cameraId);
        }
        if (session != null) {
            LOG.info("Camera '{}' was removed; ending its viewers", cameraId);
            later(() -> session.terminate(
                    StreamEvent.error(ErrorCode.CAMERA_REMOVED, "camera '" + cameraId + "' was removed", true)));
        }
    }

    /** A protocol plugin arrived (already in the factory table). */
    public void factoryAdded() {
        running().forEach(CameraSession::factoryAdded);
    }

    /** A protocol plugin left (already out of the factory table); closes the sources it opened. */
    public void factoryRemoved(StreamSourceFactory factory) {
        for (CameraSession s : running()) {
            s.factoryRemoved(factory);
        }
    }

    void update(CameraSession session, ViewerSlot slot, ViewerRequest request) throws StreamException {
        session.update(slot, checked(request));
    }

    void viewerClosed(CameraSession session, ViewerSlot slot) {
        slot.close();
        synchronized (this) {
            if (!session.remove(slot) || closed || session.viewerCount() > 0) {
                return;
            }
            session.scheduleLinger(settings.lingerMs(), () -> lingerExpired(session));
        }
    }

    private void lingerExpired(CameraSession session) {
        synchronized (this) {
            if (sessions.get(session.cameraId()) != session || session.viewerCount() > 0) {
                return;
            }
            sessions.remove(session.cameraId());
        }
        session.stop();
    }

    /** Stops every session and the timer; every {@code ucv-} thread of the core has ended on return. */
    public void close() {
        registry.removeListener(this);
        List<CameraSession> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(sessions.values());
            sessions.clear();
        }
        all.forEach(CameraSession::stop);
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(TIMER_STOP_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("The core's timer thread did not end within {} ms", TIMER_STOP_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void later(Runnable task) {
        try {
            timer.execute(task);
        } catch (RejectedExecutionException e) {
            // Only after close(), which stops every session anyway.
            LOG.debug("Camera registry change ignored while the stream service stops");
        }
    }

    private synchronized List<CameraSession> running() {
        return new ArrayList<>(sessions.values());
    }

    private int viewerCount() {
        int n = 0;
        for (CameraSession s : sessions.values()) {
            n += s.viewerCount();
        }
        return n;
    }

    private CameraConfig camera(String cameraId) throws StreamException {
        return registry.camera(cameraId).orElseThrow(
                () -> new StreamException(ErrorCode.CAMERA_NOT_FOUND, "camera '" + cameraId + "' is not configured"));
    }

    /** @return the request with its width snapped, when its format can be served */
    private ViewerRequest checked(ViewerRequest request) throws StreamException {
        Set<String> formats = converter.formats();
        if (!formats.contains(request.format())) {
            throw new StreamException(ErrorCode.UNSUPPORTED_FORMAT, "format '" + request.format()
                    + "' is not supported; supported: " + String.join(", ", new TreeSet<>(formats)));
        }
        return new ViewerRequest(request.quality(), request.fps(), request.format(),
                ViewerRequest.snapWidth(request.maxWidth()));
    }
}
