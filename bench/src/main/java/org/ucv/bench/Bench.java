package org.ucv.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.stream.Quality;
import org.ucv.converter.internal.JpegPresets;
import org.ucv.converter.testing.H264Clip;
import org.ucv.testing.RtspPeer;

/**
 * CPU per frame of decode + JPEG medium: our pipeline against JavaCPP's ffmpeg executable (the
 * same FFmpeg build) and Debian's, then latency capture -> WebSocket receipt on a started
 * distribution, then the same for an RTSP camera and the number of 720p15 RTSP cameras held. Usage: {@code [--smoke] [--runs N]}; see bench/README.md.
 */
public final class Bench {
    private static final int FPS = 30;

    private final Path dir;
    private final boolean smoke;
    private final int runs;
    private final String javacppFfmpeg;
    private final int qscale = JpegPresets.qscale(Quality.MEDIUM);

    private Bench(Path dir, boolean smoke, int runs) {
        this.dir = dir;
        this.smoke = smoke;
        this.runs = runs;
        this.javacppFfmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    }

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        boolean smoke = list.contains("--smoke");
        int runs = smoke ? 1 : 3;
        int at = list.indexOf("--runs");
        if (at >= 0) {
            runs = Integer.parseInt(list.get(at + 1));
        }
        Path dir = Path.of(System.getProperty("ucv.bench.dir", "bench/target"));
        new Bench(dir, smoke, runs).run();
    }

    private void run() throws Exception {
        int seconds = smoke ? 2 : 10;
        System.out.println("# UCV bench " + (smoke ? "(smoke)" : "") + " " + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        System.out.println("CPU: " + SystemInfo.cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " cores)");
        System.out.println("Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("ours: libav* " + avutil.av_version_info().getString() + " through JavaCPP " + Loader.getVersion());
        System.out.println("javacpp ffmpeg: " + CliRun.version(javacppFfmpeg));
        System.out.println("debian ffmpeg: " + CliRun.version(TestVideos.DEBIAN_FFMPEG));
        System.out.println("Work: H.264 decode + full-range conversion + mjpeg qscale " + qscale
                + " (medium), source size, 1 thread each; " + runs + " run(s) per tool; CPU ms per frame");
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "ucv-bench-pipeline"));
        try {
            measure(worker, TestVideos.ensure(dir, 1280, 720, seconds));
            measure(worker, TestVideos.ensure(dir, 1920, 1080, seconds));
        } finally {
            worker.shutdownNow();
        }
        Path distribution = Path.of(System.getProperty("ucv.dist.dir", "distribution/target/ucv"));
        LatencyRun.measure(distribution, dir, smoke ? 3 : 20);
        rtsp(distribution, TestVideos.ensure(dir, 1920, 1080, seconds), TestVideos.ensure(dir, 1280, 720, seconds, 15));
    }

    /**
     * RTSP cameras from the GStreamer peer looping pre-encoded files: CPU per frame against
     * JavaCPP's ffmpeg on the same mount, latency through the distribution and (full runs only)
     * how many 720p15 cameras it holds at full rate.
     */
    private void rtsp(Path distribution, Path file1080, Path file720) throws Exception {
        int frames = smoke ? 60 : 300;
        // file: mounts loop the pre-encoded files, no encoder runs in the peer
        try (RtspPeer peer = RtspPeer.start(RtspPeer.freePort(), "/cam1080=file:" + file1080.toAbsolutePath(),
                "/cam720=file:" + file720.toAbsolutePath())) {
            String url = peer.url("/cam1080");
            System.out.printf(Locale.ROOT, "%n## RTSP camera 1080p30 H.264 (%s looped by the GStreamer peer, TCP): %d frames,"
                    + " connection and probe included%n", file1080.getFileName(), frames);
            Duration timeout = Duration.ofSeconds(frames / FPS + 20);
            RtspRun.ours(url, FPS, qscale, timeout);
            List<Measurement> ours = new ArrayList<>();
            List<Measurement> javacpp = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ours.add(RtspRun.ours(url, frames, qscale, timeout));
                javacpp.add(RtspRun.cli(javacppFfmpeg, url, frames, qscale, dir.resolve("javacpp-ffmpeg-rtsp.log")));
            }
            print("ours", ours);
            print("javacpp ffmpeg", javacpp);
            System.out.printf(Locale.ROOT, "ratio ours/javacpp-ffmpeg: %.2f (CPU, medians)%n", median(ours) / median(javacpp));
            try (Distribution d = Distribution.start(distribution, dir, "rtsp-dist")) {
                RtspRun.latency(d, url, "RTSP camera 1080p30 H.264", smoke ? 3 : 20, smoke ? new int[] {1} : new int[] {1, 4});
                if (!smoke) {
                    RtspRun.capacity(d, peer.pid(), peer.url("/cam720"), 10, Duration.ofMinutes(3));
                }
            }
        }
    }

    private void measure(ExecutorService worker, Path file) throws Exception {
        List<MediaPacket> packets = H264Clip.packets(file, FPS, false);
        int frames = packets.size();
        System.out.printf(Locale.ROOT, "%n## %s: %d frames, %d bytes%n", file.getFileName(), frames, Files.size(file));
        // Warm the JIT and the natives before anything is measured.
        worker.submit(() -> PipelineRun.run(packets.subList(0, Math.min(frames, FPS)), qscale)).get();
        List<Measurement> ours = new ArrayList<>();
        List<Measurement> javacpp = new ArrayList<>();
        List<Measurement> debian = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Future<Measurement> run = worker.submit(() -> PipelineRun.run(packets, qscale));
            Measurement m = run.get();
            if (m.frames() != frames) {
                throw new IllegalStateException("decoded " + m.frames() + " of " + frames + " frames");
            }
            ours.add(m);
            javacpp.add(CliRun.run(javacppFfmpeg, file, frames, qscale, dir.resolve("javacpp-ffmpeg.log")));
            debian.add(CliRun.run(TestVideos.DEBIAN_FFMPEG, file, frames, qscale, dir.resolve("debian-ffmpeg.log")));
        }
        print("ours", ours);
        print("javacpp ffmpeg", javacpp);
        print("debian ffmpeg", debian);
        System.out.printf(Locale.ROOT, "ratio ours/javacpp-ffmpeg: %.2f, ours/debian-ffmpeg: %.2f (CPU, medians)%n",
                median(ours) / median(javacpp), median(ours) / median(debian));
    }

    private static void print(String name, List<Measurement> samples) {
        StringBuilder cpu = new StringBuilder();
        StringBuilder wall = new StringBuilder();
        for (Measurement m : samples) {
            cpu.append(String.format(Locale.ROOT, " %.2f", m.cpuMsPerFrame()));
            wall.append(String.format(Locale.ROOT, " %.2f", m.wallMsPerFrame()));
        }
        System.out.printf(Locale.ROOT, "%-15s cpu ms/frame median %.2f (samples%s); wall ms/frame (samples%s); JPEG %.1f KiB/frame%n",
                name, median(samples), cpu, wall, samples.get(0).jpegKiBPerFrame());
    }

    private static double median(List<Measurement> samples) {
        double[] values = samples.stream().mapToDouble(Measurement::cpuMsPerFrame).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** Reads the CPU model the way {@code lscpu} does on Linux. */
    static final class SystemInfo {
        private SystemInfo() {
        }

        static String cpuModel() throws IOException {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        }
    }
}
