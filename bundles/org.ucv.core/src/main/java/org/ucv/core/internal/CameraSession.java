package org.ucv.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.camera.CameraState;
import org.ucv.api.metrics.StreamMeter;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.StreamSource;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamService.StreamInfo;
import org.ucv.api.stream.ViewerRequest;

/**
 * One camera's connection, shared by all its viewers: the source, the reconnect policy and the
 * viewers grouped by rendition. Packets are processed by a {@link SessionWorker} on its own thread.
 *
 * <p>Locking: state changes happen under this object's monitor; sources are closed and viewers are
 * called only after it is released, because a source's {@code close()} joins the thread that may be
 * calling the sink, and a viewer may close its session from inside a call. A source is told apart
 * from its successors by a generation number: the sink of a replaced source ignores every call.
 *
 * <p>Closing a source may block for seconds, so it runs on the hub's stop executor, never on the
 * timer. A camera never has two sources at once: a new one opens only after every earlier one
 * (this session's, and its predecessor's if that one was still stopping) has closed.
 */
final class CameraSession {
    private static final Logger LOG = LoggerFactory.getLogger(CameraSession.class);
    /** How long a leaving plugin waits for closes of its sources that are under way. */
    private static final long PLUGIN_CLOSE_WAIT_MS = 5_000;
    private static final Runnable NO_SOURCE = () -> { };

    private final String cameraId;
    private final SessionServices services;
    private final StreamMeter meter;
    private final PacketQueue queue;
    private final Backoff backoff = new Backoff();
    private final SessionWorker worker;
    /** Completes once the session has stopped and every source it (or its predecessor) opened is closed. */
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    /** Volatile: the worker redacts with it. */
    private volatile CameraConfig config;
    private final Map<RenditionKey, Rendition> renditions = new HashMap<>();
    private StreamSource source;
    private StreamSourceFactory sourceFactory;
    /** Completes once every source detached so far is closed; no source opens before. */
    private CompletableFuture<Void> closing;
    /** A connect waits for {@link #closing}. */
    private boolean connectDeferred;
    private ScheduledFuture<?> reconnectTask;
    private ScheduledFuture<?> lingerTask;
    private boolean started;
    private boolean stopped;
    /** The event that describes the present trouble, told to viewers who join during it. */
    private StreamEvent lastEvent;
    private String lastError;
    /** Viewers were told of trouble and wait for {@link StreamEvent#resumed}. */
    private boolean awaitingResume;

    private volatile CameraState state = CameraState.CONNECTING;
    private volatile int generation;
    private volatile Rendition[] active = new Rendition[0];

    /**
     * @param predecessor completes when the camera's previous session has closed its sources
     */
    CameraSession(CameraConfig config, SessionServices services, StreamMeter meter, int packetQueue,
                  CompletableFuture<Void> predecessor) {
        this.cameraId = config.id();
        this.config = config;
        this.services = services;
        this.meter = meter;
        this.closing = predecessor;
        this.queue = new PacketQueue(packetQueue);
        this.worker = new SessionWorker(this, services.converter(), meter, queue);
    }

    String cameraId() {
        return cameraId;
    }

    StreamMeter meter() {
        return meter;
    }

    CameraState state() {
        return state;
    }

    int generation() {
        return generation;
    }

    Rendition[] renditions() {
        return active;
    }

    /** @return completes once the session has stopped and all its sources are closed */
    CompletableFuture<Void> done() {
        return done;
    }

    /** @return the text without the camera's credentials, fit to log or to tell a viewer */
    String redact(String text) {
        return config.redact(text);
    }

    synchronized int viewerCount() {
        int n = 0;
        for (Rendition r : renditions.values()) {
            n += r.slots().size();
        }
        return n;
    }

    synchronized StreamInfo info() {
        return new StreamInfo(cameraId, state, viewerCount(), renditions.size(), lastError);
    }

    /**
     * Adds a viewer; the first one starts the session.
     *
     * @return the event the new viewer is to be told (the present trouble), or null
     */
    StreamEvent add(ViewerSlot slot) {
        StreamEvent forAll = null;
        List<ViewerSlot> others;
        StreamEvent forNew;
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException("camera session '" + cameraId + "' is stopped");
            }
            cancel(lingerTask);
            lingerTask = null;
            others = allSlots();
            rendition(slot.key()).add(slot);
            refreshActive();
            if (!started) {
                started = true;
                worker.start();
                forAll = connect();
            } else if (source == null && reconnectTask == null) {
                forAll = connect();
            }
            forNew = forAll != null ? forAll : lastEvent;
        }
        tell(others, forAll);
        return forNew;
    }

    /** @return true when the slot was one of this session's (false once it was removed or stopped) */
    synchronized boolean remove(ViewerSlot slot) {
        Rendition r = renditions.get(slot.key());
        if (r == null || !r.remove(slot)) {
            return false;
        }
        if (r.isEmpty()) {
            renditions.remove(slot.key());
            r.close();
        }
        refreshActive();
        return true;
    }

    /** Moves a viewer to the rendition of its new request. */
    synchronized void update(ViewerSlot slot, ViewerRequest request) {
        Rendition current = renditions.get(slot.key());
        if (current == null || !current.slots().contains(slot)) {
            return;
        }
        if (RenditionKey.of(request).equals(slot.key())) {
            slot.request(request);
            return;
        }
        remove(slot);
        slot.request(request);
        rendition(slot.key()).add(slot);
        refreshActive();
    }

    synchronized void scheduleLinger(long delayMs, Runnable task) {
        cancel(lingerTask);
        lingerTask = services.timer().schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    /** The camera's configuration changed: reconnect at once with the new one. */
    void reconfigure(CameraConfig newConfig) {
        Runnable closeOld;
        StreamEvent changed = null;
        StreamEvent ev = null;
        List<ViewerSlot> to = List.of();
        synchronized (this) {
            if (stopped || newConfig.equals(config)) {
                return;
            }
            config = newConfig;
            cancel(reconnectTask);
            reconnectTask = null;
            closeOld = detachForClose();
            // A lingering session only lets go of its source: a returning viewer connects it.
            if (viewerCount() > 0) {
                // Viewers see why frames pause (reconnecting) and when they flow again (resumed),
                // as after a lost connection; it is no error, so lastError stays as it was.
                changed = StreamEvent.reconfigured("camera '" + cameraId
                        + "' changed; reconnecting with the new configuration");
                state = CameraState.RECONNECTING;
                lastEvent = changed;
                awaitingResume = true;
                ev = connect();
                to = allSlots();
            }
        }
        LOG.info("Camera '{}' changed; reconnecting with the new configuration", cameraId);
        closeLater(closeOld);
        tell(to, changed);
        tell(to, ev);
    }

    /** A protocol plugin arrived: a session waiting for one connects. */
    void factoryAdded() {
        StreamEvent ev;
        List<ViewerSlot> to;
        synchronized (this) {
            if (stopped || state != CameraState.PROTOCOL_MISSING || source != null || viewerCount() == 0) {
                return;
            }
            ev = connect();
            to = allSlots();
        }
        tell(to, ev);
    }

    /**
     * A protocol plugin left: the session that used it closes its source before this returns (the
     * plugin's code must not run after it is gone) and looks for another.
     */
    void factoryRemoved(StreamSourceFactory factory) {
        Runnable closeOld;
        CompletableFuture<Void> closed;
        synchronized (this) {
            if (stopped || sourceFactory != factory) {
                return;
            }
            closeOld = detachForClose();
            closed = closing;
        }
        LOG.info("Camera '{}': its protocol plugin went away; closing its source", cameraId);
        closeOld.run();
        awaitQuietly(closed, PLUGIN_CLOSE_WAIT_MS);
        StreamEvent ev;
        List<ViewerSlot> to;
        synchronized (this) {
            if (stopped || source != null || reconnectTask != null || viewerCount() == 0) {
                return;
            }
            ev = connect();
            to = allSlots();
        }
        tell(to, ev);
    }

    /**
     * Stops the session: it takes no viewer and opens no source from now on. The rest (closing the
     * viewers, the source, the worker, the encoders and the meter) blocks, so it runs on
     * {@code where}. Idempotent.
     *
     * @param last the event each viewer is told last (no frame follows it), or null
     * @param where runs the blocking part
     * @return {@link #done()}
     */
    CompletableFuture<Void> stop(StreamEvent last, Executor where) {
        Runnable closeOld;
        CompletableFuture<Void> sourcesClosed;
        List<ViewerSlot> slots;
        List<Rendition> rs;
        boolean wasStarted;
        synchronized (this) {
            if (stopped) {
                return done;
            }
            stopped = true;
            state = CameraState.IDLE;
            closeOld = detachForClose();
            sourcesClosed = closing;
            cancel(reconnectTask);
            cancel(lingerTask);
            slots = allSlots();
            rs = new ArrayList<>(renditions.values());
            renditions.clear();
            active = new Rendition[0];
            wasStarted = started;
        }
        where.execute(() -> {
            try {
                slots.forEach(s -> s.closeWith(last));
                closeOld.run();
                queue.close();
                if (wasStarted) {
                    worker.join();
                }
                rs.forEach(Rendition::close);
                meter.close();
                LOG.info("Camera '{}': session stopped", cameraId);
            } finally {
                sourcesClosed.whenComplete((v, e) -> done.complete(null));
            }
        });
        return done;
    }

    /** Pictures flow from the source of this generation: the trouble, if any, is over. */
    void flowing(int gen) {
        StreamEvent ev;
        List<ViewerSlot> to;
        synchronized (this) {
            if (stopped || gen != generation) {
                return;
            }
            state = CameraState.STREAMING;
            backoff.streaming(nowMs());
            if (!awaitingResume) {
                return;
            }
            awaitingResume = false;
            lastEvent = null;
            lastError = null;
            ev = StreamEvent.resumed("camera '" + cameraId + "' streams again");
            to = allSlots();
        }
        LOG.info("Camera '{}' streams again", cameraId);
        tell(to, ev);
    }

    /** Tells every viewer, outside the lock, an error that does not end the session. */
    void problem(StreamEvent event, List<ViewerSlot> to) {
        synchronized (this) {
            lastError = event.message();
        }
        tell(to, event);
    }

    private Rendition rendition(RenditionKey key) {
        return renditions.computeIfAbsent(key, k -> new Rendition(cameraId, k, services.converter(), meter,
                this::redact));
    }

    /** @return the event to tell every viewer, or null */
    private StreamEvent connect() {
        if (!closing.isDone()) {
            // An earlier source is still closing: open the next one once it has.
            if (!connectDeferred) {
                connectDeferred = true;
                closing.whenCompleteAsync((v, e) -> connectWhenClosed(), services.stopper());
            }
            return null;
        }
        CameraConfig camera = config;
        String protocol = camera.protocol();
        Optional<StreamSourceFactory> factory = services.factories().best(protocol);
        if (factory.isEmpty()) {
            StreamEvent ev = StreamEvent.protocolMissing("camera '" + cameraId + "' waits for a plugin for protocol '"
                    + protocol + "'");
            if (state == CameraState.PROTOCOL_MISSING && ev.equals(lastEvent)) {
                return null;
            }
            LOG.warn("Camera '{}': no plugin serves protocol '{}'; waiting for one", cameraId, protocol);
            trouble(CameraState.PROTOCOL_MISSING, ev);
            return ev;
        }
        int gen = ++generation;
        state = CameraState.CONNECTING;
        sourceFactory = factory.get();
        try {
            source = sourceFactory.open(camera, new Sink(gen, camera));
            if (source == null) {
                throw new IllegalStateException("the factory returned no source");
            }
            return null;
        } catch (RuntimeException e) {
            LOG.error("Camera '{}': the plugin for protocol '{}' failed to open a source", cameraId, protocol,
                    Redacted.of(e, camera::redact));
            source = null;
            sourceFactory = null;
            return scheduleRetry(ErrorCode.INTERNAL, "camera '" + cameraId + "': the '" + protocol
                    + "' plugin failed to open it: " + Redacted.message(e, camera::redact));
        }
    }

    private void connectWhenClosed() {
        StreamEvent ev;
        List<ViewerSlot> to;
        synchronized (this) {
            connectDeferred = false;
            if (stopped || source != null || reconnectTask != null || viewerCount() == 0) {
                return;
            }
            ev = connect();
            to = allSlots();
        }
        tell(to, ev);
    }

    /** The source of generation {@code gen} ended; runs on the timer thread, never the source's. */
    private void sourceEnded(int gen, ErrorCode code, String reason) {
        Runnable closeOld;
        StreamEvent ev;
        List<ViewerSlot> to;
        synchronized (this) {
            if (stopped || gen != generation) {
                return;
            }
            closeOld = detachForClose();
            ev = scheduleRetry(code, "camera '" + cameraId + "': " + reason);
            to = allSlots();
        }
        LOG.warn("Camera '{}': {} ({}); retry {} in {} ms", cameraId, reason, code.wire(), ev.attempt(),
                ev.retryInMs());
        tell(to, ev);
        closeLater(closeOld);
    }

    private StreamEvent scheduleRetry(ErrorCode code, String reason) {
        generation++;
        long delay = backoff.next(code, nowMs());
        StreamEvent ev = StreamEvent.reconnecting(code, reason, backoff.attempt(), delay);
        trouble(CameraState.RECONNECTING, ev);
        meter.reconnecting();
        reconnectTask = services.timer().schedule(this::reopen, delay, TimeUnit.MILLISECONDS);
        return ev;
    }

    private void reopen() {
        StreamEvent ev;
        List<ViewerSlot> to;
        synchronized (this) {
            reconnectTask = null;
            // With nobody watching, the session is lingering: a returning viewer reconnects it.
            if (stopped || source != null || viewerCount() == 0) {
                return;
            }
            ev = connect();
            to = allSlots();
        }
        tell(to, ev);
    }

    private void trouble(CameraState newState, StreamEvent ev) {
        state = newState;
        lastEvent = ev;
        lastError = ev.message();
        awaitingResume = true;
    }

    /**
     * Under the lock: detaches the source; no new one opens until the returned task (to run outside
     * the lock, as it blocks) has closed it.
     */
    private Runnable detachForClose() {
        generation++;
        StreamSource old = source;
        source = null;
        sourceFactory = null;
        if (old == null) {
            return NO_SOURCE;
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        closing = closing.isDone() ? closed : CompletableFuture.allOf(closing, closed);
        return () -> {
            try {
                old.close();
            } catch (RuntimeException e) {
                LOG.warn("Camera '{}': closing its source failed", cameraId, Redacted.of(e, this::redact));
            } finally {
                closed.complete(null);
            }
        };
    }

    private void closeLater(Runnable close) {
        if (close != NO_SOURCE) {
            services.stopper().execute(close);
        }
    }

    private List<ViewerSlot> allSlots() {
        List<ViewerSlot> all = new ArrayList<>();
        for (Rendition r : renditions.values()) {
            all.addAll(r.slots());
        }
        return all;
    }

    private void refreshActive() {
        active = renditions.values().toArray(new Rendition[0]);
    }

    static void tell(List<ViewerSlot> to, StreamEvent ev) {
        if (ev == null) {
            return;
        }
        for (ViewerSlot slot : to) {
            slot.event(ev);
        }
    }

    private void awaitQuietly(CompletableFuture<Void> f, long ms) {
        try {
            f.get(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Camera '{}': its sources did not close within {} ms", cameraId, ms);
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    private static long nowMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    /** The sink given to the source of one generation; calls from an older source are ignored. */
    private final class Sink implements MediaSink {
        private final int gen;
        /** The configuration the source was opened with: its password may differ from the current one. */
        private final CameraConfig opened;

        Sink(int gen, CameraConfig opened) {
            this.gen = gen;
            this.opened = opened;
        }

        @Override
        public void connecting() {
            // The session is CONNECTING from the moment it opened this source.
        }

        @Override
        public void streaming() {
            synchronized (CameraSession.this) {
                if (!stopped && gen == generation) {
                    state = CameraState.STREAMING;
                }
            }
        }

        @Override
        public void packet(MediaPacket packet) {
            if (gen != generation) {
                return;
            }
            meter.packetReceived(packet.payload().length);
            if (!queue.offer(gen, packet)) {
                meter.packetDropped();
            }
        }

        @Override
        public void lost(String reason) {
            ended(ErrorCode.CAMERA_UNREACHABLE, reason);
        }

        @Override
        public void failed(ErrorCode code, String message) {
            ended(code == null ? ErrorCode.INTERNAL : code, message);
        }

        private void ended(ErrorCode code, String text) {
            if (gen != generation) {
                return;
            }
            String reason = redact(opened.redact(text));
            try {
                services.timer().execute(() -> sourceEnded(gen, code, reason));
            } catch (RejectedExecutionException e) {
                LOG.debug("Camera '{}': source ended while the service stops: {}", cameraId, reason);
            }
        }
    }
}
