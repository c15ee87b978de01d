package org.ucv.protocol.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.SourceThread;
import org.ucv.api.spi.StreamSource;
import org.ucv.protocol.demo.internal.AccessUnitSplitter.AccessUnit;

/**
 * Plays a clip in a loop on its own thread, one access unit per frame period, like a live camera.
 * Every sink call goes through {@link SourceThread#call(Runnable)}, so once {@link #close()} has
 * closed the thread no further call can start, even if the thread is slow to end.
 */
final class DemoSource implements StreamSource {
    static final String FPS_OPTION = "fps";
    static final double MAX_FPS = 60.0;
    private static final Logger LOG = LoggerFactory.getLogger(DemoSource.class);
    private static final long JOIN_MILLIS = 2000;
    /** Behind schedule by more than this (machine suspended, CPU starved): restart the schedule instead of bursting. */
    private static final long RESYNC_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String cameraId;
    private final List<AccessUnit> clip;
    private final double fps;
    private final MediaSink sink;
    private final SourceThread thread;

    /**
     * @param cameraId the camera, for the thread name and log lines
     * @param clip the access units to loop; the first is a keyframe
     * @param fps the pictures per second to play at
     * @param sink where packets go
     * @param onClose told once, by the first {@link #close()}
     */
    DemoSource(String cameraId, List<AccessUnit> clip, double fps, MediaSink sink, Consumer<DemoSource> onClose) {
        this.cameraId = cameraId;
        this.clip = clip;
        this.fps = fps;
        this.sink = sink;
        // Interrupted on close: the thread only parks between frames, and an interrupt ends the park.
        this.thread = new SourceThread("ucv-demo-" + cameraId, this::run, true, Duration.ofMillis(JOIN_MILLIS),
                () -> onClose.accept(this));
    }

    void start() {
        thread.start();
    }

    /**
     * @param camera the camera
     * @param clipFps the rate the clip was encoded at
     * @return the {@value #FPS_OPTION} option, or the clip's rate when it is absent or unusable
     */
    static double fps(CameraConfig camera, double clipFps) {
        Optional<String> option = camera.option(FPS_OPTION);
        if (option.isEmpty()) {
            return clipFps;
        }
        try {
            double v = Double.parseDouble(option.get().trim());
            if (v > 0 && v <= MAX_FPS) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the value, like an out-of-range one
        }
        LOG.warn("Camera '{}': option fps='{}' must be a number above 0 and at most {}; playing at {}",
                camera.id(), option.get(), MAX_FPS, clipFps);
        return clipFps;
    }

    private void run() {
        if (!thread.call(sink::connecting) || !thread.call(sink::streaming)) {
            return;
        }
        long origin = System.nanoTime();
        for (long n = 0; !thread.isClosed(); n++) {
            long deadline = origin + ptsMicros(n) * 1000;
            long wait;
            while ((wait = deadline - System.nanoTime()) > 0 && !thread.isClosed()) {
                LockSupport.parkNanos(this, wait);
            }
            if (-wait > RESYNC_NANOS) {
                origin = System.nanoTime() - ptsMicros(n) * 1000;
            }
            AccessUnit au = clip.get((int) (n % clip.size()));
            MediaPacket packet = new MediaPacket(Codec.H264, au.payload(), ptsMicros(n), epochMicros(),
                    au.keyframe(), au.codecConfig());
            if (!thread.call(() -> sink.packet(packet))) {
                return;
            }
        }
    }

    /** @return the presentation time of frame {@code n}, exact on average (no accumulated rounding) */
    private long ptsMicros(long n) {
        return Math.round(n * 1_000_000.0 / fps);
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    @Override
    public void close() {
        if (!thread.close()) {
            LOG.warn("Camera '{}': demo thread {} did not end within {} ms; it makes no further sink call",
                    cameraId, thread.name(), JOIN_MILLIS);
        }
    }
}
