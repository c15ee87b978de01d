package org.ucv.protocol.onvif.internal;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * The time an operation may still take, and a way to abort it from another thread: a source's
 * {@code close()} aborts the budget its thread works under, which closes the socket a blocked read
 * waits on, so the thread ends at once instead of at its next timeout.
 */
public final class Budget {
    private final long endNanos;
    private final Budget parent;
    private final Object lock = new Object();
    private boolean aborted;
    private Closeable current;

    private Budget(long endNanos, Budget parent) {
        this.endNanos = endNanos;
        this.parent = parent;
    }

    /**
     * @param timeout the most the operation may take
     * @return a budget ending that long from now
     */
    public static Budget of(Duration timeout) {
        return new Budget(System.nanoTime() + Math.max(0, timeout.toNanos()), null);
    }

    /** @return the time left, zero once it has run out */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** @return true when no time is left */
    public boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }

    /**
     * @param cap an upper bound
     * @return the time left, at most {@code cap}, as whole milliseconds (at least 1)
     */
    public int millisLeft(Duration cap) {
        long ms = Math.min(cap.toMillis(), remaining().toMillis());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    /** @return a budget that ends at the earlier of this one's end and {@code timeout} from now, aborted with this one */
    public Budget cap(Duration timeout) {
        long now = System.nanoTime();
        return new Budget(now + Math.min(Math.max(0, endNanos - now), Math.max(0, timeout.toNanos())), this);
    }

    /** @return true once {@link #abort()} was called (on this budget or the one it was capped from) */
    public boolean aborted() {
        synchronized (lock) {
            if (aborted) {
                return true;
            }
        }
        return parent != null && parent.aborted();
    }

    /**
     * Registers what a blocking call waits on (a socket), so that an abort closes it.
     *
     * @param resource the resource, or null to register none
     * @throws IOException when already aborted (the resource is closed then)
     */
    public void attach(Closeable resource) throws IOException {
        if (parent != null) {
            parent.attach(resource);
        }
        boolean closeNow;
        synchronized (lock) {
            closeNow = aborted;
            current = resource;
        }
        if (closeNow) {
            closeQuietly(resource);
            throw new IOException("aborted");
        }
    }

    /** Aborts: from now on {@link #aborted()} is true and the attached resource is closed. */
    public void abort() {
        Closeable c;
        synchronized (lock) {
            aborted = true;
            c = current;
            current = null;
        }
        closeQuietly(c);
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // closing only to wake a blocked read
            }
        }
    }
}
