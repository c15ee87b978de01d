package org.ucv.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

class SourceThreadTest {
    private static final Duration JOIN = Duration.ofSeconds(5);
    /** Every wait of these tests is bounded by this; none is expected to come near it. */
    private static final long WAIT_SECONDS = 10;

    @Test
    void runsTheBodyOnANamedDaemonThread() throws InterruptedException {
        AtomicReference<Thread> ran = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        SourceThread source = new SourceThread("ucv-test-door", () -> {
            ran.set(Thread.currentThread());
            done.countDown();
        }, false, JOIN, () -> { });
        source.start();
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals("ucv-test-door", ran.get().getName());
        assertEquals("ucv-test-door", source.name());
        assertTrue(ran.get().isDaemon());
        assertTrue(source.close());
    }

    @Test
    void closeIsIdempotentAndRunsOnFirstCloseOnce() {
        AtomicInteger told = new AtomicInteger();
        AtomicReference<SourceThread> ref = new AtomicReference<>();
        SourceThread source = new SourceThread("ucv-test-idem", () -> {
            while (!ref.get().isClosed()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }, false, JOIN, told::incrementAndGet);
        ref.set(source);
        source.start();
        assertFalse(source.isClosed());
        assertTrue(source.close());
        assertTrue(source.close());
        assertTrue(source.close());
        assertTrue(source.isClosed());
        assertEquals(1, told.get());
        assertFalse(source.call(() -> { }));
    }

    @Test
    void closeFromASinkCallOnItsOwnThreadNeitherDeadlocksNorInterrupts() throws InterruptedException {
        AtomicReference<SourceThread> ref = new AtomicReference<>();
        AtomicBoolean closedInCall = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean(true);
        AtomicBoolean laterCallMade = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger told = new AtomicInteger();
        SourceThread source = new SourceThread("ucv-test-self", () -> {
            // Like a sink that closes the source from inside packet(...), on the source's thread.
            ref.get().call(() -> closedInCall.set(ref.get().close()));
            interrupted.set(Thread.currentThread().isInterrupted());
            laterCallMade.set(ref.get().call(() -> { }));
            done.countDown();
        }, true, JOIN, told::incrementAndGet);
        ref.set(source);
        source.start();
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS), "the body ended after closing itself");
        assertTrue(closedInCall.get());
        assertFalse(interrupted.get(), "a close on its own thread must not interrupt the caller");
        assertFalse(laterCallMade.get());
        assertEquals(1, told.get());
        assertTrue(source.close());
        assertEquals(1, told.get());
    }

    @Test
    void noSinkCallStartsAfterCloseReturnsEvenIfTheThreadLivesOn() throws InterruptedException {
        AtomicLong made = new AtomicLong();
        AtomicLong attempts = new AtomicLong();
        AtomicReference<SourceThread> ref = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ended = new CountDownLatch(1);
        // A careless body: it ignores isClosed() and keeps trying, so only call() can hold it back.
        SourceThread source = new SourceThread("ucv-test-gate", () -> {
            while (!stop.get()) {
                ref.get().call(made::incrementAndGet);
                attempts.incrementAndGet();
            }
            ended.countDown();
        }, false, Duration.ofMillis(50), () -> { });
        ref.set(source);
        source.start();
        awaitAtLeast(made, 1000);
        assertFalse(source.close(), "the body ignores close, so the join bound expires");
        long madeAtClose = made.get();
        awaitAtLeast(attempts, attempts.get() + 10_000);
        assertEquals(madeAtClose, made.get(), "no sink call after close() returned");
        stop.set(true);
        assertTrue(ended.await(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void closeWaitsForASinkCallInProgress() throws InterruptedException {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean sawClosed = new AtomicBoolean();
        AtomicReference<SourceThread> ref = new AtomicReference<>();
        SourceThread source = new SourceThread("ucv-test-busy", () -> ref.get().call(() -> {
            inCall.countDown();
            awaitQuietly(release);
            sawClosed.set(ref.get().isClosed());
        }), false, JOIN, () -> { });
        ref.set(source);
        source.start();
        assertTrue(inCall.await(WAIT_SECONDS, TimeUnit.SECONDS));
        AtomicBoolean closeResult = new AtomicBoolean();
        Thread closer = new Thread(() -> closeResult.set(source.close()), "test-closer");
        closer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (closer.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertEquals(Thread.State.BLOCKED, closer.getState(), "close() waits for the call in progress");
        release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(closer.isAlive());
        assertTrue(closeResult.get());
        assertFalse(sawClosed.get(), "the flag is set only once the call in progress has returned");
    }

    @Test
    void closeIsBoundedWhenTheBodyIsStuck() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        // Stuck even through interrupts, like a native call that ignores them.
        SourceThread source = new SourceThread("ucv-test-stuck", () -> {
            started.countDown();
            awaitUninterruptibly(release);
            ended.countDown();
        }, true, Duration.ofMillis(200), () -> { });
        source.start();
        assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        assertFalse(source.close());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(WAIT_SECONDS), "close() returned within its bound");
        release.countDown();
        assertTrue(ended.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(source.close(), "a later close sees the thread gone");
    }

    @Test
    void closeInterruptsABlockedBodyWhenAskedTo() {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        SourceThread source = new SourceThread("ucv-test-intr", () -> {
            started.countDown();
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(WAIT_SECONDS * 6));
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, true, JOIN, () -> { });
        source.start();
        awaitQuietly(started);
        assertTrue(source.close());
        assertTrue(interrupted.get());
    }

    @Test
    void closeDoesNotInterruptWhenNotAskedTo() {
        AtomicBoolean interrupted = new AtomicBoolean(true);
        AtomicReference<SourceThread> ref = new AtomicReference<>();
        SourceThread source = new SourceThread("ucv-test-nointr", () -> {
            while (!ref.get().isClosed()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            interrupted.set(Thread.currentThread().isInterrupted());
        }, false, JOIN, () -> { });
        ref.set(source);
        source.start();
        assertTrue(source.close());
        assertFalse(interrupted.get());
    }

    @Test
    void refusesAJoinBoundThatWouldWaitForever() {
        assertThrows(IllegalArgumentException.class,
                () -> new SourceThread("ucv-test-zero", () -> { }, false, Duration.ZERO, () -> { }));
    }

    private static void awaitAtLeast(AtomicLong counter, long value) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (counter.get() < value) {
            assertTrue(System.nanoTime() < deadline, "counter reached " + counter.get() + " of " + value);
            Thread.onSpinWait();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (latch.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // ignored on purpose: this body stands for one that cannot be interrupted
            }
        }
    }
}
