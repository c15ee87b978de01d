package org.ucv.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.ucv.api.spi.FactoryTable;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;

/**
 * The stream service without the framework: camera sessions by camera id, started by the first
 * viewer and stopped {@code linger_ms} after the last.
 *
 * <p>Two small pools, both ending their threads when idle: {@code ucv-core-timer} only waits
 * (reconnect delays, lingers) and never blocks; {@code ucv-core-stop-N} closes sources and
 * finishes session stops, which may take seconds (a source's close joins its threads), so one
 * camera's slow close never delays another camera's reconnect.
 */
public final class StreamHub implements StreamService, CameraListener {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);
    private static final CompletableFuture<Void> NO_PREDECESSOR = CompletableFuture.completedFuture(null);
    /** Deactivate's bound for every session to stop. */
    private static final long SESSIONS_STOP_MS = 10_000;
    private static final long POOL_STOP_MS = 5_000;
    private static final long IDLE_MS = 2_000;
    private static final int STOP_THREADS = 2;
    private static final int STOP_QUEUE = 256;

    private final CameraRegistry registry;
    private final FrameConverter converter;
    private final MetricsService metrics;
    private final FactoryTable factories;
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor stopper;
    private final SessionServices services;
    private final AtomicLong viewerIds = new AtomicLong();
    private final Map<String, CameraSession> sessions = new HashMap<>();
    /** Sessions whose stop is under way; the camera's next session opens no source before it ends. */
    private final Map<String, CameraSession> stopping = new HashMap<>();
    /** Counts camera-registry changes, so open() notices that its lookup went stale. */
    private long registryChanges;
    private volatile Settings settings;
    private boolean closed;

    public StreamHub(CameraRegistry registry, FrameConverter converter, MetricsService metrics, FactoryTable factories,
                     Settings settings) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.converter = Objects.requireNonNull(converter, "converter");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.factories = Objects.requireNonNull(factories, "factories");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timer = new ScheduledThreadPoolExecutor(1, named("ucv-core-timer", null));
        this.timer.setRemoveOnCancelPolicy(true);
        // An idle server keeps no thread of ours: the pools' threads end once idle (a pending linger
        // or reconnect keeps the timer's alive) and new ones start with the next task.
        this.timer.setKeepAliveTime(IDLE_MS, TimeUnit.MILLISECONDS);
        this.timer.allowCoreThreadTimeOut(true);
        // A close must never be lost: past the queue's bound (or after shutdown) the caller runs it.
        this.stopper = new ThreadPoolExecutor(STOP_THREADS, STOP_THREADS, IDLE_MS, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(STOP_QUEUE), named("ucv-core-stop-", new AtomicInteger()),
                (task, pool) -> task.run());
        this.stopper.allowCoreThreadTimeOut(true);
        this.services = new SessionServices(converter, factories, timer, stopper);
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
        while (true) {
            long seen;
            synchronized (this) {
                seen = registryChanges;
            }
            // The registry is asked without this lock held: it calls this listener, which takes it.
            CameraConfig camera = enabled(camera(cameraId));
            ViewerRequest served = checked(request);
            Subscription s = attach(camera, served, viewer, seen);
            if (s != null) {
                return s;
            }
        }
    }

    /** @return the subscription, or null when the registry changed since {@code seen} (look again) */
    private Subscription attach(CameraConfig camera, ViewerRequest request, StreamViewer viewer, long seen)
            throws StreamException {
        String cameraId = camera.id();
        CameraSession session;
        ViewerSlot slot;
        StreamEvent forNew;
        synchronized (this) {
            if (closed) {
                throw new StreamException(ErrorCode.INTERNAL, "the stream service is stopping");
            }
            if (seen != registryChanges) {
                return null;
            }
            int max = settings.maxViewers();
            if (viewerCount() >= max) {
                throw new StreamException(ErrorCode.TOO_MANY_VIEWERS, "the server serves at most " + max
                        + " viewers; camera '" + cameraId + "' cannot get another");
            }
            session = sessions.get(cameraId);
            if (session == null) {
                CameraSession before = stopping.get(cameraId);
                session = new CameraSession(camera, services, metrics.openStream(cameraId), settings.packetQueue(),
                        before == null ? NO_PREDECESSOR : before.done());
                sessions.put(cameraId, session);
            }
            String viewerId = cameraId + "-" + viewerIds.incrementAndGet();
            slot = new ViewerSlot(viewerId, cameraId, request, viewer,
                    session.meter().openViewer(viewerId, request.fps()));
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
        List<CameraSession> running = running();
        List<StreamInfo> out = new ArrayList<>(running.size());
        for (CameraSession s : running) {
            out.add(s.info());
        }
        out.sort((a, b) -> a.cameraId().compareTo(b.cameraId()));
        return out;
    }

    @Override
    public CameraState state(String cameraId) throws StreamException {
        CameraConfig camera = camera(cameraId);
        if (!camera.enabled()) {
            return CameraState.DISABLED;
        }
        CameraSession session;
        synchronized (this) {
            session = sessions.get(cameraId);
        }
        if (session != null) {
            return session.state();
        }
        return factories.best(camera.protocol()).isPresent() ? CameraState.IDLE : CameraState.PROTOCOL_MISSING;
    }

    @Override
    public void cameraChanged(CameraConfig camera) {
        CameraSession session;
        synchronized (this) {
            registryChanges++;
            if (closed) {
                return;
            }
            session = camera.enabled() ? sessions.get(camera.id()) : retire(camera.id());
        }
        if (session == null) {
            return;
        }
        if (camera.enabled()) {
            session.reconfigure(camera);
        } else {
            LOG.info("Camera '{}' was disabled; ending its viewers", camera.id());
            session.stop(disabled(camera.id()), stopper);
        }
    }

    @Override
    public void cameraRemoved(String cameraId) {
        CameraSession session;
        synchronized (this) {
            registryChanges++;
            session = closed ? null : retire(cameraId);
        }
        if (session != null) {
            LOG.info("Camera '{}' was removed; ending its viewers", cameraId);
            session.stop(StreamEvent.error(ErrorCode.CAMERA_REMOVED, "camera '" + cameraId + "' was removed", true),
                    stopper);
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
            retire(session.cameraId());
        }
        session.stop(null, stopper);
    }

    /**
     * Under the lock: takes the camera's session out of service; the caller stops it. Until its
     * stop has ended, the camera's next session opens no source.
     *
     * @return the session, or null when the camera has none
     */
    private CameraSession retire(String cameraId) {
        CameraSession session = sessions.remove(cameraId);
        if (session != null) {
            stopping.put(cameraId, session);
            session.done().whenComplete((v, e) -> {
                synchronized (this) {
                    stopping.remove(cameraId, session);
                }
            });
        }
        return session;
    }

    /** Stops every session and both pools, waiting (bounded) for them: no {@code ucv-} thread of the core is left. */
    public void close() {
        registry.removeListener(this);
        List<CameraSession> all;
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(sessions.values());
            sessions.clear();
            stopping.values().forEach(s -> ends.add(s.done()));
        }
        for (CameraSession s : all) {
            ends.add(s.stop(null, Runnable::run));
        }
        try {
            CompletableFuture.allOf(ends.toArray(new CompletableFuture<?>[0])).get(SESSIONS_STOP_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Not every camera session stopped within {} ms", SESSIONS_STOP_MS);
        }
        timer.shutdownNow();
        stopper.shutdown();
        awaitEnd(timer);
        awaitEnd(stopper);
    }

    private static void awaitEnd(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(POOL_STOP_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("A thread of the core did not end within {} ms", POOL_STOP_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String name, AtomicInteger counter) {
        return r -> {
            Thread t = new Thread(r, counter == null ? name : name + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
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

    private static CameraConfig enabled(CameraConfig camera) throws StreamException {
        if (!camera.enabled()) {
            StreamEvent ev = disabled(camera.id());
            throw new StreamException(ev.code(), ev.message());
        }
        return camera;
    }

    /** What a viewer of a disabled camera is told: at open, or as its last event when it gets disabled. */
    private static StreamEvent disabled(String cameraId) {
        return StreamEvent.error(ErrorCode.CAMERA_UNREACHABLE,
                "Camera '" + cameraId + "' is disabled in its configuration", true);
    }

    /** @return the request as served (width snapped, full for source quality), when its format can be served */
    private ViewerRequest checked(ViewerRequest request) throws StreamException {
        Set<String> formats = converter.formats();
        if (!formats.contains(request.format())) {
            throw new StreamException(ErrorCode.UNSUPPORTED_FORMAT, "format '" + request.format()
                    + "' is not supported; supported: " + String.join(", ", new TreeSet<>(formats)));
        }
        return RenditionKey.effective(request);
    }
}
