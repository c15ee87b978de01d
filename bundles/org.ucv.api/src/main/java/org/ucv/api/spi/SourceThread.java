package org.ucv.api.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The thread of a {@link StreamSource} and the close semantics the SPI demands of every source,
 * written once for vendors: a source keeps one of these, runs its loop as the body, makes every
 * sink call through {@link #call(Runnable)}, and closes it from {@link StreamSource#close()}.
 *
 * <p>The contract it gives:
 * <ul>
 * <li>The body runs on one daemon thread with the given name (by convention
 *     {@code ucv-<protocol>-<cameraId>}).</li>
 * <li>{@link #call(Runnable)} runs a sink call under a lock only while not closed; {@link #close()}
 *     sets the closed flag under the same lock, so once it has done so no sink call can start and a
 *     call in progress has ended: <em>after {@code close()} returns, the source calls its sink no
 *     more</em>, even if the thread itself is slow to end.</li>
 * <li>{@link #close()} is idempotent: only the first call runs {@code onFirstClose} (typically:
 *     close the socket that a blocked read waits on, and tell the factory the source is gone); every
 *     call waits for the thread.</li>
 * <li>{@link #close()} is bounded: it interrupts the thread if asked to, then joins it for at most
 *     {@code joinBound}, and reports whether the thread ended so the source can log it.</li>
 * <li>{@link #close()} from the thread itself (a sink call that closes the source, on the source's
 *     thread) neither joins, which would deadlock, nor interrupts, which would leak into the
 *     caller's code still running on that thread: the body ends when that call returns, as it then
 *     sees {@link #isClosed()}.</li>
 * </ul>
 *
 * <p>The body should check {@link #isClosed()} between blocking steps and bound every wait on the
 * network, so that it ends soon after a close.
 */
public final class SourceThread {
    private final Thread thread;
    private final boolean interruptOnClose;
    private final Duration joinBound;
    private final Runnable onFirstClose;
    private final Object lock = new Object();
    private volatile boolean closed;

    /**
     * @param threadName the thread's name, by convention {@code ucv-<protocol>-<cameraId>}
     * @param body what the thread runs; it makes its sink calls through {@link #call(Runnable)}
     * @param interruptOnClose whether {@link #close()} interrupts the thread (from another thread)
     *        before joining it: true when the body waits in interruptible calls, false when an
     *        interrupt would break something (a library that treats it as a fatal error)
     * @param joinBound how long {@link #close()} waits for the thread to end; at least 1 ms (a zero
     *        bound would make {@link Thread#join(long)} wait forever)
     * @param onFirstClose run once, by the first {@link #close()}, after the closed flag is set and
     *        before the join
     */
    public SourceThread(String threadName, Runnable body, boolean interruptOnClose, Duration joinBound,
                        Runnable onFirstClose) {
        this.thread = new Thread(Objects.requireNonNull(body, "body"), Objects.requireNonNull(threadName, "threadName"));
        this.thread.setDaemon(true);
        this.interruptOnClose = interruptOnClose;
        if (Objects.requireNonNull(joinBound, "joinBound").toMillis() < 1) {
            throw new IllegalArgumentException("joinBound must be at least 1 ms, not " + joinBound);
        }
        this.joinBound = joinBound;
        this.onFirstClose = Objects.requireNonNull(onFirstClose, "onFirstClose");
    }

    /** Starts the thread; call it once. After {@link #close()} the body runs but can make no sink call. */
    public void start() {
        thread.start();
    }

    /** @return the thread's name, for log lines */
    public String name() {
        return thread.getName();
    }

    /**
     * Runs a sink call unless closed. The call runs under the lock {@link #close()} takes, so it must
     * not block (sink calls never do).
     *
     * @param sinkCall the call
     * @return false when closed and the call was not made
     */
    public boolean call(Runnable sinkCall) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            sinkCall.run();
            return true;
        }
    }

    /** @return whether {@link #close()} has been called; the body's loop condition */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes: from now on {@link #call(Runnable)} makes no call. The first close runs
     * {@code onFirstClose}; every close from another thread then interrupts the thread if asked to,
     * and waits at most the join bound for it to end.
     *
     * @return false when the thread was still alive after the join bound (it makes no further sink
     *         call, but the source may want to say so); true otherwise, also when called from the
     *         thread itself, which ends when the current sink call returns
     */
    public boolean close() {
        boolean first;
        synchronized (lock) {
            first = !closed;
            closed = true;
        }
        if (first) {
            onFirstClose.run();
        }
        if (Thread.currentThread() == thread) {
            return true;
        }
        if (interruptOnClose) {
            thread.interrupt();
        }
        try {
            thread.join(joinBound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
