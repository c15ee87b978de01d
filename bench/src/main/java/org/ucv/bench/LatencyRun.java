package org.ucv.bench;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency from capture (the packet's arrival at the server, {@code capture_timestamp}) to the
 * frame's receipt by a WebSocket client on loopback, on a real distribution started as a process.
 * Capture timestamps have millisecond resolution, so every figure is within 1 ms.
 */
final class LatencyRun {
    private static final Pattern CAPTURE = Pattern.compile("\"capture_timestamp\":\"([^\"]+)\"");

    private LatencyRun() {
    }

    /**
     * Copies the built distribution, starts it, measures the demo camera with 1 and then 4
     * viewers, stops it.
     *
     * @param distribution the built distribution folder (distribution/target/ucv)
     * @param work a folder for the copy and its log
     * @param seconds how long each measurement runs
     */
    static void measure(Path distribution, Path work, int seconds) throws Exception {
        try (Distribution d = Distribution.start(distribution, work, "latency-dist")) {
            System.out.printf(Locale.ROOT, "%n## latency capture -> WebSocket receipt (demo camera 640x360, medium, 15 fps, json, loopback, %d s)%n", seconds);
            for (int viewers : new int[] {1, 4}) {
                System.out.println(summary(viewers, sample(d, "demo", viewers, seconds)));
            }
        }
    }

    /** Opens the viewers together and collects receipt - capture in ms over the window. */
    static List<Long> sample(Distribution d, String camera, int viewers, int seconds) throws Exception {
        List<Long> samples = Collections.synchronizedList(new ArrayList<>());
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < viewers; i++) {
                sockets.add(d.http().newWebSocketBuilder().buildAsync(d.stream(camera), new Listener(samples, null))
                        .get(10, TimeUnit.SECONDS));
            }
            for (WebSocket ws : sockets) {
                ws.sendText(startStream("json"), true);
            }
            // Not measured: the camera's connection, the session start and the decoder's first
            // keyframe wait (until a first frame, bounded), then one more second.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (samples.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            TimeUnit.SECONDS.sleep(1);
            samples.clear();
            TimeUnit.SECONDS.sleep(seconds);
            return new ArrayList<>(samples);
        } finally {
            for (WebSocket ws : sockets) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
            }
        }
    }

    /** start_stream at quality medium, 15 fps */
    static String startStream(String transport) {
        return "{\"action\":\"start_stream\",\"params\":{\"quality\":\"medium\",\"fps\":15,\"transport\":\"" + transport + "\"}}";
    }

    static String summary(int viewers, List<Long> samples) {
        if (samples.isEmpty()) {
            throw new IllegalStateException("no frame arrived with " + viewers + " viewer(s)");
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%d viewer(s): %d frames, latency ms p50 %d, p95 %d, p99 %d, max %d",
                viewers, sorted.size(), percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /**
     * Collects one latency sample per json frame message (text may arrive in several parts) and
     * counts binary frame messages.
     */
    static final class Listener implements WebSocket.Listener {
        private final List<Long> samples;
        private final AtomicInteger binaryFrames;
        private final StringBuilder text = new StringBuilder();

        /** @param samples latencies of json frames, or null; @param binaryFrames binary frames, or null */
        Listener(List<Long> samples, AtomicInteger binaryFrames) {
            this.samples = samples;
            this.binaryFrames = binaryFrames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long receivedMs = Instant.now().toEpochMilli();
                Matcher m = CAPTURE.matcher(text);
                if (samples != null && m.find()) {
                    samples.add(receivedMs - Instant.parse(m.group(1)).toEpochMilli());
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (last && binaryFrames != null) {
                binaryFrames.incrementAndGet();
            }
            ws.request(1);
            return null;
        }
    }
}
