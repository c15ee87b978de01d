package org.ucv.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A copy of the built distribution started as a process on its own free port (so the built one
 * stays untouched), with anonymous viewers allowed and cameras added and removed as {@code load/}
 * files; stopped by its process.
 */
final class Distribution implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process server;

    private Distribution(Path home, Path log, int port) {
        this.home = home;
        this.log = log;
        this.port = port;
    }

    /**
     * Copies {@code distribution} to {@code work/<name>} and starts it; waits (bounded) for HTTP.
     *
     * @param distribution the built distribution folder (distribution/target/ucv)
     */
    static Distribution start(Path distribution, Path work, String name) throws Exception {
        Path home = work.resolve(name);
        // A fresh copy: a previous run's ConfigAdmin store would bring back its cameras.
        Copy.delete(home);
        Copy.tree(distribution, home);
        // The bench measures streaming, not logins: its private copy lets viewers in without one
        // (the start wait below passes once this configuration has applied).
        Files.writeString(home.resolve("load/org.ucv.auth.cfg"), "anonymous_viewers = true\n", StandardCharsets.ISO_8859_1);
        Distribution d = new Distribution(home, work.resolve(name + ".log"), freePort());
        try {
            d.launch();
        } catch (Exception | Error e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void launch() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/ucv").toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("UCV_PORT", Integer.toString(port));
        pb.environment().put("UCV_ADMIN_PASSWORD", "bench-" + System.nanoTime());
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

    HttpClient http() {
        return http;
    }

    /** {@code ws://127.0.0.1:<port>/ws/stream/<camera>} */
    URI stream(String camera) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/stream/" + camera);
    }

    /** Writes {@code load/org.ucv.camera-<id>.cfg}; FileInstall adds the camera within about a second. */
    void addCamera(String id, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder("id = " + id + "\n");
        properties.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        Path part = home.resolve("bench-" + id + ".part");
        Files.writeString(part, text, StandardCharsets.ISO_8859_1);
        Files.move(part, cameraFile(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits (bounded) until {@code /api/cameras} lists every camera of {@code ids}. */
    void awaitCameras(List<String> ids) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cameras"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (ids.stream().allMatch(id -> body.contains("\"id\":\"" + id + "\""))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cameras " + ids + " not listed within 20 s, see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    void removeCamera(String id) throws IOException {
        Files.deleteIfExists(cameraFile(id));
    }

    private Path cameraFile(String id) {
        return home.resolve("load").resolve("org.ucv.camera-" + id + ".cfg");
    }

    long pid() {
        return server.pid();
    }

    Path log() {
        return log;
    }

    /** SIGTERM, a bounded wait, then SIGKILL for it and anything it started. */
    @Override
    public void close() throws InterruptedException {
        Process p = server;
        if (p == null) {
            return;
        }
        server = null;
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Copies a folder tree (the distribution) so the run leaves the built one untouched. */
    static final class Copy {
        private Copy() {
        }

        static void delete(Path tree) throws IOException {
            if (!Files.exists(tree)) {
                return;
            }
            try (var paths = Files.walk(tree)) {
                for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
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
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }
}
