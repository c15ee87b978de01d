package org.ucv.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ucv.api.convert.ConversionException;
import org.ucv.api.convert.Picture;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.StreamSource;
import org.ucv.converter.internal.FfmpegDecoder;
import org.ucv.converter.internal.JpegEncoder;
import org.ucv.protocol.rtsp.internal.RtspStreamSourceFactory;

/**
 * RTSP cameras served by the GStreamer peer from pre-encoded files: CPU per frame of our demux +
 * decode + JPEG against JavaCPP's ffmpeg reading the same mount, latency through the distribution,
 * and how many 720p15 cameras the distribution holds at full rate.
 */
final class RtspRun {
    private static final double FULL_FPS = 14.0;
    private static final int MAX_CAMERAS = 16;

    private RtspRun() {
    }

    /**
     * Our RTSP source (the plugin's factory, on its thread {@code ucv-rtsp-<id>}) with the
     * converter's decoder and JPEG encoder called on that same thread, so that thread's CPU time
     * is demux + decode + encode, connection and probe included, as the CLI's is.
     */
    static Measurement ours(String url, int frames, int qscale, Duration timeout) throws Exception {
        RtspStreamSourceFactory factory = factory();
        CameraConfig camera = CameraConfig.builder("bench-cpu").protocol("rtsp").url(url).build();
        Pipeline sink = new Pipeline(frames, qscale);
        long wall = System.nanoTime();
        StreamSource source = factory.open(camera, sink);
        try {
            if (!sink.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("our RTSP pipeline decoded " + sink.frames + " of " + frames
                        + " frames within " + timeout + (sink.failure == null ? "" : ": " + sink.failure));
            }
        } finally {
            source.close();
            sink.close();
        }
        if (sink.failure != null) {
            throw new IllegalStateException("our RTSP pipeline failed: " + sink.failure);
        }
        return new Measurement(frames, sink.cpuNanos, sink.wallDone - wall, sink.bytes);
    }

    /** The plugin's DS component, activated with its default configuration as SCR would. */
    private static RtspStreamSourceFactory factory() throws ReflectiveOperationException {
        Class<RtspStreamSourceFactory.Config> type = RtspStreamSourceFactory.Config.class;
        Object defaults = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> method.getDefaultValue());
        RtspStreamSourceFactory factory = new RtspStreamSourceFactory();
        Method activate = RtspStreamSourceFactory.class.getDeclaredMethod("activate", type);
        activate.setAccessible(true);
        activate.invoke(factory, defaults);
        return factory;
    }

    /**
     * JavaCPP's ffmpeg doing the same from the same mount (RTSP over TCP, 5 s socket timeout).
     * {@code -fps_mode vfr}: a picture decoded with the previous one's timestamp (the stream's
     * first, joined mid-GOP) is dropped instead of failing the encoder with "Invalid pts".
     */
    static Measurement cli(String ffmpeg, String url, int frames, int qscale, Path log) throws Exception {
        return CliRun.run(ffmpeg, List.of("-rtsp_transport", "tcp", "-timeout", "5000000", "-i", url),
                List.of("-fps_mode", "vfr"), frames, qscale, log);
    }

    /** One RTSP camera in the distribution, then each number of viewers in turn. */
    static void latency(Distribution d, String url, String label, int seconds, int... viewerCounts) throws Exception {
        d.addCamera("rtsp1080", Map.of("protocol", "rtsp", "url", url));
        try {
            d.awaitCameras(List.of("rtsp1080"));
            System.out.printf(Locale.ROOT, "%n## latency capture -> WebSocket receipt (%s, medium, 15 fps, json, loopback, %d s)%n", label, seconds);
            for (int viewers : viewerCounts) {
                System.out.println(LatencyRun.summary(viewers, LatencyRun.sample(d, "rtsp1080", viewers, seconds)));
            }
        } finally {
            d.removeCamera("rtsp1080");
        }
    }

    /**
     * N cameras (N RTSP sessions of the same mount), one binary viewer each at medium 15 fps, for
     * N = 1, 2, 4, 6, ... until a viewer falls under 14 fps, N = 16 or the time budget ends.
     */
    static void capacity(Distribution d, long peerPid, String url, int seconds, Duration budget) throws Exception {
        System.out.printf(Locale.ROOT, "%n## concurrent 720p15 RTSP cameras, one viewer each (medium, 15 fps, binary), %d s per step%n", seconds);
        long end = System.nanoTime() + budget.toNanos();
        int held = 0;
        int cameras = 0;
        try {
            for (int n = 1; n <= MAX_CAMERAS; n = n < 2 ? n + 1 : n < 4 ? 4 : n + 2) {
                if (System.nanoTime() > end) {
                    System.out.println("time budget of " + budget.toSeconds() + " s spent; stopped before N=" + n);
                    break;
                }
                List<String> ids = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    ids.add("cap" + i);
                }
                for (; cameras < n; cameras++) {
                    d.addCamera(ids.get(cameras), Map.of("protocol", "rtsp", "url", url));
                }
                d.awaitCameras(ids);
                double[] fps = step(d, peerPid, n, seconds);
                if (fps[0] < FULL_FPS) {
                    break;
                }
                held = n;
            }
        } finally {
            for (int i = 1; i <= cameras; i++) {
                d.removeCamera("cap" + i);
            }
        }
        System.out.println("held at full rate (every viewer >= " + FULL_FPS + " fps): " + held + " camera(s)");
    }

    /** @return {min, median} viewer fps */
    private static double[] step(Distribution d, long peerPid, int n, int seconds) throws Exception {
        List<AtomicInteger> counts = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                AtomicInteger count = new AtomicInteger();
                counts.add(count);
                sockets.add(d.http().newWebSocketBuilder().buildAsync(d.stream("cap" + i), new LatencyRun.Listener(null, count))
                        .get(10, TimeUnit.SECONDS));
            }
            for (WebSocket ws : sockets) {
                ws.sendText(LatencyRun.startStream("binary"), true);
            }
            // Not measured: new cameras connecting and every viewer's first keyframe (bounded).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (counts.stream().anyMatch(c -> c.get() == 0) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            TimeUnit.SECONDS.sleep(2);
            counts.forEach(c -> c.set(0));
            double serverCpu = cpuSeconds(d.pid());
            double peerCpu = cpuSeconds(peerPid);
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double[] fps = counts.stream().mapToDouble(c -> c.get() / elapsed).sorted().toArray();
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf(Locale.ROOT, "N=%2d: viewer fps min %.1f, median %.1f; server CPU %.0f%%, peer CPU %.0f%% (of one core), load %.1f%n",
                    n, fps[0], fps[fps.length / 2], 100 * (cpuSeconds(d.pid()) - serverCpu) / elapsed,
                    100 * (cpuSeconds(peerPid) - peerCpu) / elapsed, load);
            return new double[] {fps[0], fps[fps.length / 2]};
        } finally {
            for (WebSocket ws : sockets) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
            }
        }
    }

    private static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(t -> t.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Decodes and encodes on the RTSP source's thread until {@code target} pictures. */
    private static final class Pipeline implements MediaSink {
        private final int target;
        private final int qscale;
        private final CountDownLatch done = new CountDownLatch(1);
        private FfmpegDecoder decoder;
        private JpegEncoder encoder;
        private volatile int frames;
        private volatile long bytes;
        private volatile long cpuNanos;
        private volatile long wallDone;
        private volatile String failure;

        Pipeline(int target, int qscale) {
            this.target = target;
            this.qscale = qscale;
        }

        @Override
        public void connecting() {
        }

        @Override
        public void streaming() {
        }

        @Override
        public void packet(MediaPacket packet) {
            if (done.getCount() == 0) {
                return;
            }
            try {
                if (decoder == null) {
                    decoder = new FfmpegDecoder("bench-cpu", Codec.H264);
                    encoder = new JpegEncoder(qscale, 0);
                }
                Picture picture = decoder.decode(packet);
                if (picture == null) {
                    return;
                }
                bytes += encoder.encode(picture).data().length;
                frames++;
                if (frames == target) {
                    cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    wallDone = System.nanoTime();
                    done.countDown();
                }
            } catch (ConversionException e) {
                // Joining a shared stream mid-GOP: pictures before the first keyframe may not
                // decode, as in a camera session; after the first picture it is a failure.
                if (frames > 0) {
                    fail(e.getMessage());
                }
            }
        }

        @Override
        public void lost(String reason) {
            fail("lost: " + reason);
        }

        @Override
        public void failed(ErrorCode code, String message) {
            fail(code + ": " + message);
        }

        private void fail(String why) {
            failure = why;
            done.countDown();
        }

        /** After the source is closed: no further sink call comes. */
        void close() {
            if (decoder != null) {
                decoder.close();
                encoder.close();
            }
        }
    }
}
