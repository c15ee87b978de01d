package org.ucv.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One copy of the built distribution, run as its own process through {@code bin/ucv}: a free port,
 * a known console password, its output in a log file next to the copy.
 */
public final class UcvServer implements AutoCloseable {
    /** The Web Console's user, fixed by bin/ucv. */
    public static final String CONSOLE_USER = "admin";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern THREAD_NAME = Pattern.compile("^\"(.*?)\" #", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files that a run writes into the folder: a copy starts without them, like a fresh install. */
    private static final Set<String> RUNTIME_STATE = Set.of("felix-cache", "cache", "conf/cm",
            "conf/console.properties", "conf/console-password.txt",
            "load/org.apache.felix.webconsole.internal.servlet.OsgiManager.cfg");

    private final String name;
    private final Path home;
    private final Path javaHome;
    private final int port;
    private final String consolePassword = "it-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    private UcvServer(String name, Path home, Path javaHome, int port) {
        this.name = name;
        this.home = home;
        this.javaHome = javaHome;
        this.port = port;
    }

    /**
     * Copies the built distribution to {@code target/dist-<name>}, leaving out the files that
     * {@code skip} accepts (paths relative to the distribution folder).
     */
    public static UcvServer copy(String name, Path javaHome, Predicate<Path> skip) {
        Path source = Path.of(System.getProperty("ucv.distribution.dir", "../distribution/target/ucv"));
        if (!Files.isExecutable(source.resolve("bin/ucv"))) {
            throw new IllegalStateException("no built distribution at " + source.toAbsolutePath()
                    + ": build it first (mvn install)");
        }
        Path home = Path.of(System.getProperty("ucv.work.dir", "target")).resolve("dist-" + name).toAbsolutePath();
        try {
            deleteTree(home);
            copyTree(source, home, skip.or(relative -> RUNTIME_STATE.contains(relative.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the distribution to " + home, e);
        }
        return new UcvServer(name, home, javaHome, freePort());
    }

    /** Starts {@code bin/ucv} and waits until HTTP answers. */
    public void start() {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/ucv").toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log().toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("UCV_PORT", Integer.toString(port));
        builder.environment().put("UCV_CONSOLE_PASSWORD", consolePassword);
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + home.resolve("bin/ucv"), e);
        }
        Await.until(name + " answers HTTP on port " + port + " (log " + log() + ")", START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "\n" + logTail(40));
            }
            return get("/system/console/bundles.json", true).statusCode();
        }, status -> status == 200);
        awaitBundlesStarted();
    }

    /**
     * HTTP answers while bundles are still starting. Waits for every bundle to be active, but
     * without failing: a bundle that never starts is RuntimeIT's finding, and the other tests
     * still say what works.
     */
    private void awaitBundlesStarted() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                JsonNode counts = json("/system/console/bundles.json", true).path("s");
                int total = counts.path(0).asInt(-1);
                int activeOrFragment = counts.path(1).asInt() + counts.path(2).asInt();
                if (total == activeOrFragment) {
                    return;
                }
            } catch (IOException e) {
                // still starting: the console's servlet can be re-registered while bundles start
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Await.sleep(Duration.ofMillis(200));
        }
    }

    /** Stops the process with SIGTERM, then kills it after a bounded wait; fails if anything is left. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                throw new AssertionError(name + " did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s of SIGTERM and was killed\n" + logTail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        List<ProcessHandle> left = tree.stream().filter(ProcessHandle::isAlive).toList();
        if (!left.isEmpty()) {
            left.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError(name + " left processes behind: " + left);
        }
    }

    public String name() {
        return name;
    }

    public Path home() {
        return home;
    }

    public int port() {
        return port;
    }

    public String consolePassword() {
        return consolePassword;
    }

    public Path log() {
        return home.resolveSibling("dist-" + name + ".log");
    }

    /** @return the last lines of the server's output */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    /** GET with the console password when {@code authenticated}. */
    public HttpResponse<String> get(String path, boolean authenticated) throws IOException, InterruptedException {
        return get(path, authenticated ? CONSOLE_USER : null, consolePassword);
    }

    /** GET with HTTP Basic credentials, or none when {@code user} is null. */
    public HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("http", path)).timeout(Duration.ofSeconds(10));
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET of a JSON document that must answer 200. */
    public JsonNode json(String path, boolean authenticated) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path, authenticated);
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** @return the names of the server JVM's live threads (from {@code jcmd Thread.print}) */
    /** @return the command lines of the server JVM's child processes (plugins must start none that outlive a camera) */
    public List<String> childProcesses() {
        return process.children().map(p -> p.info().commandLine().orElse("pid " + p.pid())).toList();
    }

    public List<String> threadNames() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                .redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!dump.waitFor(30, TimeUnit.SECONDS) || dump.exitValue() != 0) {
            dump.destroyForcibly();
            throw new IOException("jcmd Thread.print failed on " + name + ": " + text);
        }
        List<String> names = new ArrayList<>();
        Matcher matcher = THREAD_NAME.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void copyTree(Path source, Path target, Predicate<Path> skip) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = source.relativize(path);
                if (isUnder(relative, skip)) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static boolean isUnder(Path relative, Predicate<Path> skip) {
        for (Path p = relative; p != null && !p.toString().isEmpty(); p = p.getParent()) {
            if (skip.test(p)) {
                return true;
            }
        }
        return false;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
