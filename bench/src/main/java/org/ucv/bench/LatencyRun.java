package org.ucv.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency from capture (the packet's arrival at the server, {@code capture_timestamp}) to the
 * frame's receipt by a WebSocket client on loopback, on a real distribution started as a process.
 * Capture timestamps have millisecond resolution, so every figure is within 1 ms.
 */
final class LatencyRun {
    private static final Pattern CAPTURE = Pattern.compile("\"capture_timestamp\":\"([^\"]+)\"");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process server;

    private LatencyRun(Path home, Path log, int port) {
        this.home = home;
        this.log = log;
        this.port = port;
    }

    /**
     * Copies the built distribution, starts it, measures with 1 and then 4 viewers, stops it.
     *
     * @param distribution the built distribution folder (distribution/target/ucv)
     * @param work a folder for the copy and its log
     * @param seconds how long each measurement runs
     */
    static void measure(Path distribution, Path work, int seconds) throws Exception {
        Path home = work.resolve("latency-dist");
        Copy.tree(distribution, home);
        LatencyRun run = new LatencyRun(home, work.resolve("latency-dist.log"), freePort());
        run.start();
        try {
            System.out.printf(Locale.ROOT, "%n## latency capture -> WebSocket receipt (demo camera 640x360, medium, 15 fps, json, loopback, %d s)%n", seconds);
            for (int viewers : new int[] {1, 4}) {
                List<Long> samples = run.sample(viewers, seconds);
                System.out.println(summary(viewers, samples));
            }
        } finally {
            run.stop();
        }
    }

    private void start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/ucv").toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("UCV_PORT", Integer.toString(port));
        pb.environment().put("UCV_CONSOLE_PASSWORD", "bench-" + System.nanoTime());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        server = pb.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server ended at start-up, see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cameras"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("no HTTP answer within " + START_TIMEOUT + ", see " + log);
    }

    private void stop() throws InterruptedException {
        if (server == null) {
            return;
        }
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Opens the viewers together and collects receipt - capture in ms over the window. */
    private List<Long> sample(int viewers, int seconds) throws Exception {
        List<Long> samples = Collections.synchronizedList(new ArrayList<>());
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < viewers; i++) {
                sockets.add(http.newWebSocketBuilder().buildAsync(
                        URI.create("ws://127.0.0.1:" + port + "/ws/stream/demo"), new Listener(samples)).get(10, TimeUnit.SECONDS));
            }
            for (WebSocket ws : sockets) {
                ws.sendText("{\"action\":\"start_stream\",\"params\":{\"quality\":\"medium\",\"fps\":15,\"transport\":\"json\"}}", true);
            }
            // The first second holds the session start and the decoder's first keyframe wait.
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Collects one sample per frame message; text may arrive in several parts. */
    private static final class Listener implements WebSocket.Listener {
        private final List<Long> samples;
        private final StringBuilder text = new StringBuilder();

        Listener(List<Long> samples) {
            this.samples = samples;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long receivedMs = Instant.now().toEpochMilli();
                Matcher m = CAPTURE.matcher(text);
                if (m.find()) {
                    samples.add(receivedMs - Instant.parse(m.group(1)).toEpochMilli());
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    /** Copies a folder tree (the distribution) so the run leaves the built one untouched. */
    static final class Copy {
        private Copy() {
        }

        static void tree(Path from, Path to) throws IOException {
            if (!Files.isDirectory(from.resolve("bin"))) {
                throw new IllegalStateException("no built distribution at " + from + " (run mvn install first)");
            }
            try (var paths = Files.walk(from)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }
}
