package org.ucv.registry.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.camera.CameraListener;
import org.ucv.api.camera.CameraRegistry.InvalidCamera;
import org.ucv.api.spi.CameraConfig;

/**
 * The cameras by configuration PID, with the rule that one id belongs to one configuration.
 *
 * <p>An id stays with the configuration that holds it. A configuration claiming a taken id is
 * refused and waits; when the id is freed (holder deleted or moved to another id), the waiting
 * claimant that arrived first takes it and listeners hear of it. Listener calls are queued while
 * the table is locked and delivered after it is released, in order, by whichever thread drains
 * the queue first: a listener may call back into the table.
 */
final class CameraTable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraTable.class);

    private final Object lock = new Object();
    private final Map<String, Entry> byPid = new HashMap<>();
    private final Map<String, String> pidById = new HashMap<>();
    private long arrivals;

    private final List<CameraListener> listeners = new CopyOnWriteArrayList<>();
    private final Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /**
     * One configuration: valid and holding its id ({@code config != null, reason == null}), valid
     * but waiting for its id ({@code config != null, reason != null}) or unusable ({@code config == null}).
     */
    private record Entry(String pid, long arrival, CameraConfig config, String claimedId, String reason) {
        boolean holdsId() {
            return config != null && reason == null;
        }
    }

    private record Delivery(List<CameraListener> targets, CameraConfig changed, String removedId) {
    }

    /**
     * Adds or replaces the configuration of {@code pid}.
     *
     * @param pid the configuration's PID
     * @param props its properties
     */
    void update(String pid, Dictionary<String, ?> props) {
        synchronized (lock) {
            Entry old = byPid.remove(pid);
            long arrival = old != null ? old.arrival() : arrivals++;
            Entry next;
            try {
                CameraConfig config = CameraParser.parse(props);
                String holder = pidById.get(config.id());
                if (holder == null || holder.equals(pid)) {
                    next = new Entry(pid, arrival, config, config.id(), null);
                } else {
                    String reason = "camera id '" + config.id() + "' is already used by configuration " + holder;
                    LOG.error("Camera configuration {} refused: {}", pid, reason);
                    next = new Entry(pid, arrival, config, config.id(), reason);
                }
            } catch (InvalidCameraException e) {
                LOG.error("Camera configuration {}{} refused: {}", pid,
                        e.cameraId() != null ? " (camera '" + e.cameraId() + "')" : "", e.getMessage());
                next = new Entry(pid, arrival, null, e.cameraId(), e.getMessage());
            }
            byPid.put(pid, next);
            lock.notifyAll();
            boolean keepsId = old != null && old.holdsId() && next.holdsId() && old.claimedId().equals(next.claimedId());
            if (keepsId) {
                // A change of a camera that keeps its id; the delivery is drained below like any other.
                if (!old.config().equals(next.config())) {
                    LOG.info("Camera '{}' changed (configuration {}): {}", next.claimedId(), pid, next.config());
                    announce(next.config(), null);
                }
            } else {
                if (old != null && old.holdsId()) {
                    release(old);
                }
                if (next.holdsId()) {
                    pidById.put(next.claimedId(), pid);
                    LOG.info("Camera '{}' added (configuration {}): {}", next.claimedId(), pid, next.config());
                    announce(next.config(), null);
                }
                if (old != null && old.holdsId()) {
                    promoteWaiting(old.claimedId(), pid);
                }
            }
        }
        drain();
    }

    /** @param pid the PID of a configuration that was deleted */
    void delete(String pid) {
        synchronized (lock) {
            Entry old = byPid.remove(pid);
            if (old == null) {
                return;
            }
            lock.notifyAll();
            if (old.holdsId()) {
                release(old);
                promoteWaiting(old.claimedId(), pid);
            } else {
                LOG.info("Refused camera configuration {} deleted", pid);
            }
        }
        drain();
    }

    /** Requires the lock. */
    private void release(Entry old) {
        pidById.remove(old.claimedId());
        LOG.info("Camera '{}' removed (configuration {})", old.claimedId(), old.pid());
        announce(null, old.claimedId());
    }

    /** Requires the lock. Gives a freed id to the first configuration that waits for it. */
    private void promoteWaiting(String id, String releasedBy) {
        if (pidById.containsKey(id)) {
            return;
        }
        byPid.values().stream()
                .filter(e -> e.config() != null && !e.holdsId() && e.claimedId().equals(id))
                .min(Comparator.comparingLong(Entry::arrival))
                .ifPresent(waiting -> {
                    Entry promoted = new Entry(waiting.pid(), waiting.arrival(), waiting.config(), id, null);
                    byPid.put(promoted.pid(), promoted);
                    pidById.put(id, promoted.pid());
                    LOG.info("Camera '{}' now taken by configuration {}, which waited for configuration {} "
                            + "to release it: {}", id, promoted.pid(), releasedBy, promoted.config());
                    announce(promoted.config(), null);
                });
    }

    /** Requires the lock, so deliveries are queued in the order of the changes. */
    private void announce(CameraConfig changed, String removedId) {
        deliveries.add(new Delivery(List.copyOf(listeners), changed, removedId));
    }

    /** Delivers queued calls on this thread unless another thread is at it; never under the lock. */
    private void drain() {
        while (!deliveries.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                Delivery d;
                while ((d = deliveries.poll()) != null) {
                    deliver(d);
                }
            } finally {
                draining.set(false);
            }
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    private void deliver(Delivery d) {
        for (CameraListener l : d.targets()) {
            if (!listeners.contains(l)) {
                continue;
            }
            try {
                if (d.changed() != null) {
                    l.cameraChanged(d.changed());
                } else {
                    l.cameraRemoved(d.removedId());
                }
            } catch (RuntimeException e) {
                LOG.error("Camera listener {} failed on camera '{}'", l,
                        d.changed() != null ? d.changed().id() : d.removedId(), e);
            }
        }
    }

    List<CameraConfig> cameras() {
        synchronized (lock) {
            return byPid.values().stream().filter(Entry::holdsId).map(Entry::config)
                    .sorted(Comparator.comparing(CameraConfig::id)).toList();
        }
    }

    Optional<CameraConfig> camera(String id) {
        synchronized (lock) {
            String pid = pidById.get(id);
            return pid == null ? Optional.empty() : Optional.of(byPid.get(pid).config());
        }
    }

    List<InvalidCamera> invalid() {
        synchronized (lock) {
            return byPid.values().stream().filter(e -> !e.holdsId())
                    .map(e -> new InvalidCamera(e.pid(), e.claimedId(), e.reason()))
                    .sorted(Comparator.comparing(InvalidCamera::pid)).toList();
        }
    }

    void addListener(CameraListener listener) {
        synchronized (lock) {
            if (listeners.contains(listener)) {
                return;
            }
            listeners.add(listener);
            List<CameraListener> only = List.of(listener);
            for (CameraConfig c : cameras()) {
                deliveries.add(new Delivery(only, c, null));
            }
        }
        drain();
    }

    void removeListener(CameraListener listener) {
        listeners.remove(listener);
    }

    /**
     * @param id a camera id
     * @return the PID of the configuration that holds it, if a valid one does
     */
    Optional<String> pidOf(String id) {
        synchronized (lock) {
            return Optional.ofNullable(pidById.get(id));
        }
    }

    /**
     * @param id a camera id
     * @return whether any configuration claims it: the holder, or one refused while waiting for it
     */
    boolean claimed(String id) {
        synchronized (lock) {
            return byPid.values().stream().anyMatch(e -> id.equals(e.claimedId()));
        }
    }

    /**
     * Waits until the camera with this id looks as wanted and listeners have heard of it, so that a
     * writer can answer only once ConfigAdmin has delivered its change and every reader (the stream
     * service included) sees it.
     *
     * @param id a camera id
     * @param wanted the condition on {@link #camera(String)}
     * @param timeout the most to wait
     * @return whether the condition held in time
     * @throws InterruptedException when interrupted while waiting
     */
    boolean await(String id, Predicate<Optional<CameraConfig>> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!wanted.test(camera(id)) || !deliveries.isEmpty() || draining.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // Woken by every change and every drained delivery; rounding up keeps a tiny rest from spinning.
                lock.wait(left / 1_000_000 + 1);
            }
            return true;
        }
    }
}
