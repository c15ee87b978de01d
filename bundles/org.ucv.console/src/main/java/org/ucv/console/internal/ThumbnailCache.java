package org.ucv.console.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps each camera's last thumbnail for a few seconds, so that reloading the page or several
 * admins looking at once do not start a snapshot per request. Bounded: the least recently used
 * entries go beyond {@link #MAX_ENTRIES}.
 */
public final class ThumbnailCache {
    static final int MAX_ENTRIES = 64;

    /** Takes a thumbnail. */
    @FunctionalInterface
    public interface Source {
        byte[] take() throws ToolException;
    }

    private record Entry(byte[] jpeg, long takenNanos) {
    }

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /**
     * @param ttl how long a thumbnail is served again; zero turns the cache off
     * @param nanoTime the clock ({@code System::nanoTime})
     */
    public ThumbnailCache(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * @param cameraId the camera
     * @param source takes a new thumbnail when none is fresh; called without the cache's lock
     * @return a fresh thumbnail
     * @throws ToolException from the source (failures are not cached)
     */
    public byte[] get(String cameraId, Source source) throws ToolException {
        long now = nanoTime.getAsLong();
        synchronized (entries) {
            Entry entry = entries.get(cameraId);
            if (entry != null && now - entry.takenNanos() < ttlNanos) {
                return entry.jpeg();
            }
        }
        byte[] jpeg = source.take();
        if (ttlNanos > 0) {
            synchronized (entries) {
                entries.put(cameraId, new Entry(jpeg, nanoTime.getAsLong()));
            }
        }
        return jpeg;
    }
}
