package org.ucv.core.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.StreamSource;
import org.ucv.api.spi.StreamSourceFactory;

/** A protocol plugin double whose sources push packets at 15 fps from their own thread. */
final class TestFactory implements StreamSourceFactory {
    static final long FRAME_MICROS = 1_000_000 / 15;
    /** Every fifth H.264 packet is a keyframe. */
    static final int KEY_INTERVAL = 5;
    private static final AtomicInteger SOURCE_IDS = new AtomicInteger();

    final Codec codec;
    final List<TestSource> sources = new CopyOnWriteArrayList<>();
    /** Sources opened while another source of the same camera was not yet closed. */
    final AtomicInteger overlaps = new AtomicInteger();
    /** While set, open throws this. */
    volatile RuntimeException openFailure;
    /** While set, a source's close() waits (bounded) for it: a slow close. */
    volatile CountDownLatch closeGate;

    TestFactory(Codec codec) {
        this.codec = codec;
    }

    @Override
    public StreamSource open(CameraConfig camera, MediaSink sink) {
        RuntimeException failure = openFailure;
        if (failure != null) {
            throw failure;
        }
        if (sources.stream().anyMatch(s -> s.camera.id().equals(camera.id()) && !s.closeReturned)) {
            overlaps.incrementAndGet();
        }
        TestSource s = new TestSource(this, camera, sink, codec);
        sources.add(s);
        s.thread.start();
        return s;
    }

    int opened() {
        return sources.size();
    }

    TestSource last() {
        return sources.get(sources.size() - 1);
    }

    /** A complete (tiny) JPEG header of 64x48 followed by a counter, then EOI. */
    static byte[] jpeg(int n) {
        return new byte[] {(byte) 0xFF, (byte) 0xD8,
            (byte) 0xFF, (byte) 0xE0, 0, 4, 0, 0,
            (byte) 0xFF, (byte) 0xC0, 0, 11, 8, 0, 48, 0, 64, 1, 1, 0x11, 0,
            (byte) 0xFF, (byte) 0xDA, 0, 2, (byte) n, (byte) 0xFF, (byte) 0xD9};
    }

    static final class TestSource implements StreamSource {
        final TestFactory factory;
        final CameraConfig camera;
        final MediaSink sink;
        final Codec codec;
        final Thread thread;
        final AtomicInteger sent = new AtomicInteger();
        /** close() was called. */
        volatile boolean closed;
        /** close() has returned. */
        volatile boolean closeReturned;
        /** The thread that called close(). */
        volatile String closedOn;
        volatile long corruptPts = -1;
        private volatile boolean corruptNext;
        private volatile ErrorCode failCode;
        private volatile String endReason;

        TestSource(TestFactory factory, CameraConfig camera, MediaSink sink, Codec codec) {
            this.factory = factory;
            this.camera = camera;
            this.sink = sink;
            this.codec = codec;
            this.thread = new Thread(this::run, "ucv-test-" + camera.id() + "-" + SOURCE_IDS.incrementAndGet());
        }

        /** Ends with {@link MediaSink#lost} after the next packet. */
        void lose(String reason) {
            endReason = reason;
        }

        /** Ends with {@link MediaSink#failed} after the next packet. */
        void fail(ErrorCode code, String message) {
            failCode = code;
            endReason = message;
        }

        void corruptNext() {
            corruptNext = true;
        }

        private void run() {
            sink.connecting();
            sink.streaming();
            long start = System.nanoTime();
            for (int n = 0; !closed; n++) {
                long wait = start + TimeUnit.MICROSECONDS.toNanos(n * FRAME_MICROS) - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                if (endReason != null) {
                    if (failCode != null) {
                        sink.failed(failCode, endReason);
                    } else {
                        sink.lost(endReason);
                    }
                    return;
                }
                sink.packet(packet(n));
                sent.incrementAndGet();
            }
        }

        private MediaPacket packet(int n) {
            long pts = n * FRAME_MICROS;
            byte[] payload = codec == Codec.MJPEG ? jpeg(n) : new byte[] {1, (byte) n, 2, 3};
            if (corruptNext && n % KEY_INTERVAL != 0) {
                corruptNext = false;
                payload[0] = TestConverter.CORRUPT;
                corruptPts = pts;
            }
            return new MediaPacket(codec, payload, pts, EpochMicros.now(), codec.intraOnly() || n % KEY_INTERVAL == 0, null);
        }

        @Override
        public void close() {
            closedOn = Thread.currentThread().getName();
            closed = true;
            try {
                CountDownLatch gate = factory.closeGate;
                if (gate != null) {
                    gate.await(10, TimeUnit.SECONDS);
                }
                thread.interrupt();
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeReturned = true;
        }
    }
}
