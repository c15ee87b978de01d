package org.ucv.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One copy of the built distribution, run as its own process through {@code bin/ucv}: a free port,
 * a known admin password (given at first start through {@code UCV_ADMIN_PASSWORD}), its output
 * in a log file next to the copy, its Gogo shell on the process's stdin.
 */
public final class UcvServer implements AutoCloseable {
    /** The first admin, created at first start. */
    public static final String ADMIN = "admin";
    /** The session cookie's name (org.ucv.api.auth.AuthService.SESSION_COOKIE). */
    public static final String SESSION_COOKIE = "ucv_session";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** A line of the server's log (slf4j-simple with its date), not shell output. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
    private static final Pattern THREAD_NAME = Pattern.compile("^\"(.*?)\" #", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files that a run writes into the folder: a copy starts without them, like a fresh install. */
    private static final Set<String> RUNTIME_STATE = Set.of("felix-cache", "cache", "conf/cm");
    private static final Duration GOGO_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Path home;
    private final Path javaHome;
    private final int port;
    private final String adminPassword = "it-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> environment = new HashMap<>();
    private Process process;
    private OutputStream shell;
    private int gogoCommands;
    /** Makes the markers of {@link #gogo} unique to this object, whatever the log holds from before. */
    private final String markerSalt = UUID.randomUUID().toString().substring(0, 8);
    private volatile String adminSession;

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
            // A fresh copy starts a fresh log (a restart of the same copy appends to it).
            Files.deleteIfExists(home.resolveSibling("dist-" + name + ".log"));
            copyTree(source, home, skip.or(relative -> RUNTIME_STATE.contains(relative.toString())));
            // No test may probe a real network (PEERS.md): a test server's ONVIF discovery sends its
            // probe to loopback, by unicast, with a TTL of 0. Discovery in a network namespace is
            // OnvifIT's, with the plugin's class run inside the namespace.
            Files.writeString(home.resolve("load/org.ucv.protocol.onvif.discovery.cfg"),
                    "multicast_address = 127.0.0.1\nttl = 0\n", StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the distribution to " + home, e);
        }
        return new UcvServer(name, home, javaHome, freePort());
    }

    /**
     * Sets (or, with null, removes) an environment variable of the server process for the next
     * {@link #start()}. {@code UCV_ADMIN_PASSWORD} is set to {@link #adminPassword()} unless removed.
     */
    public UcvServer environment(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /**
     * Starts {@code bin/ucv} and waits until the Web Console answers the admin. Can be called again
     * after {@link #close()}: the same folder (configurations kept), the same port, the log appended.
     */
    public void start() {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/ucv").toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("UCV_PORT", Integer.toString(port));
        builder.environment().put("UCV_ADMIN_PASSWORD", adminPassword);
        builder.environment().put("UCV_SHELL_STDIN", "1");
        environment.forEach((variable, value) -> {
            if (value == null) {
                builder.environment().remove(variable);
            } else {
                builder.environment().put(variable, value);
            }
        });
        adminSession = null;
        try {
            process = builder.start();
            // Kept open: end of input would stop the framework (Gogo's shell reads it).
            shell = process.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + home.resolve("bin/ucv"), e);
        }
        Await.until(name + " answers HTTP on port " + port + " (log " + log() + ")", START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "\n" + logTail(40));
            }
            return get("/api/me", false).statusCode();
        }, status -> status == 401 || status == 200);
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
                JsonNode counts = json("/system/console/bundles.json").path("s");
                int total = counts.path(0).asInt(-1);
                int activeOrFragment = counts.path(1).asInt() + counts.path(2).asInt();
                if (total == activeOrFragment) {
                    return;
                }
            } catch (IOException | AssertionError e) {
                // still starting: the console's servlet (or the login) can come and go while bundles start
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
        try {
            shell.close();
        } catch (IOException e) {
            // the process is going anyway
        }
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

    /** @return the admin password the server was first started with */
    public String adminPassword() {
        return adminPassword;
    }

    /**
     * Logs in with {@code POST /api/login}.
     *
     * @return the session id (the {@value #SESSION_COOKIE} cookie's value)
     * @throws AssertionError when the login is refused
     */
    public String login(String user, String password) {
        ObjectNode body = JSON.createObjectNode().put("username", user).put("password", password);
        try {
            HttpResponse<String> response = send("POST", "/api/login", body.toString(), null);
            if (response.statusCode() != 200) {
                throw new AssertionError("login of " + user + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return sessionCookie(response).orElseThrow(() -> new AssertionError("login of " + user
                    + " set no " + SESSION_COOKIE + " cookie: " + response.headers().map()));
        } catch (IOException e) {
            throw new AssertionError("login of " + user + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return the {@value #SESSION_COOKIE} value a response sets, if it sets one */
    public static Optional<String> sessionCookie(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0].trim();
            if (pair.startsWith(SESSION_COOKIE + "=")) {
                return Optional.of(pair.substring(SESSION_COOKIE.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** @return a session of the admin, logged in once per start */
    public String adminSession() {
        String session = adminSession;
        if (session == null) {
            session = login(ADMIN, adminPassword);
            adminSession = session;
        }
        return session;
    }

    /**
     * One HTTP request.
     *
     * @param method GET, POST, ...
     * @param jsonBody a JSON body, or null for none
     * @param session a session id sent as the {@value #SESSION_COOKIE} cookie, or null
     */
    public HttpResponse<String> send(String method, String path, String jsonBody, String session)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("http", path)).timeout(Duration.ofSeconds(30));
        if (session != null) {
            request.header("Cookie", SESSION_COOKIE + "=" + session);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Adds a user as the admin ({@code POST /api/users}), failing unless it answers 201.
     *
     * @return the user; closing it deletes the user again
     */
    public TestUser addUser(String name, String role, String password) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("role", role).put("password", password);
        try {
            HttpResponse<String> created = send("POST", "/api/users", body.toString(), adminSession());
            if (created.statusCode() != 201) {
                throw new AssertionError("POST /api/users of " + name + " answered " + created.statusCode() + ": "
                        + created.body());
            }
        } catch (IOException e) {
            throw new AssertionError("POST /api/users of " + name + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return new TestUser(this, name, password);
    }

    /** A throw-away user: a unique name with this prefix, a random password. */
    public TestUser addUser(String namePrefix, String role) {
        return addUser(namePrefix + "-" + UUID.randomUUID().toString().substring(0, 8), role, "pw-" + UUID.randomUUID());
    }

    /** A user one test made; {@link #close()} deletes it (best effort, the test's outcome stands). */
    public record TestUser(UcvServer server, String name, String password) implements AutoCloseable {
        /** @return a new session of this user */
        public String login() {
            return server.login(name, password);
        }

        @Override
        public void close() {
            try {
                server.send("DELETE", "/api/users/" + name, null, server.adminSession());
            } catch (IOException e) {
                // the copy of the distribution is thrown away after the run anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the HTTP client the server's helpers use (for requests {@link #send} can't make) */
    public HttpClient http() {
        return http;
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

    /** GET with the admin's session when {@code authenticated}, else with no credentials. */
    public HttpResponse<String> get(String path, boolean authenticated) throws IOException, InterruptedException {
        return send("GET", path, null, authenticated ? adminSession() : null);
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

    /** GET as the admin of a JSON document that must answer 200. */
    public JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path, true);
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Runs one command line in the server's Gogo shell (on the process's stdin) and returns what
     * the shell printed for it: the lines between two marker echoes, without prompts or log lines.
     */
    public synchronized String gogo(String commandLine) {
        if (commandLine.contains("\n")) {
            throw new IllegalArgumentException("one command line only: " + commandLine);
        }
        int n = ++gogoCommands;
        String begin = "__gogo_begin_" + n + "_" + markerSalt + "__";
        String end = "__gogo_end_" + n + "_" + markerSalt + "__";
        try {
            shell.write(("echo " + begin + "\n" + commandLine + "\necho " + end + "\n").getBytes(StandardCharsets.UTF_8));
            shell.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the Gogo shell of " + name, e);
        }
        String output = Await.until("Gogo output of '" + commandLine + "'", GOGO_TIMEOUT, () -> {
            String text = Files.readString(log(), StandardCharsets.UTF_8);
            int from = text.lastIndexOf(begin);
            int to = text.lastIndexOf(end);
            return from >= 0 && to > from ? text.substring(from + begin.length(), to) : null;
        }, found -> found != null);
        StringBuilder lines = new StringBuilder();
        for (String line : output.split("\n")) {
            String bare = line.replaceAll("^(g! )+", "");
            if (LOG_LINE.matcher(bare).find() || bare.isBlank()) {
                continue;
            }
            lines.append(bare).append('\n');
        }
        return lines.toString();
    }

    /** @return the command lines of the server JVM's child processes (plugins must start none that outlive a camera) */
    public List<String> childProcesses() {
        return process.children().map(p -> p.info().commandLine().orElse("pid " + p.pid())).toList();
    }

    /** @return the names of the server JVM's live threads (from {@code jcmd Thread.print}) */
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
