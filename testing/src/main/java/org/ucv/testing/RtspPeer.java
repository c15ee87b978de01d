package org.ucv.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The GStreamer RTSP server of {@code rtsp_peer.py} (a resource next to this class; mount syntax
 * in its header) as a process on loopback: started with mount specifications, stopped by its
 * process id, restartable on the same port. Its event lines ({@code CLIENT}, {@code DESCRIBE <path>},
 * {@code CLOSED <n>}, ...) are kept in order so a test can count connections and requests; its
 * error output goes to {@code rtsp-peer-<port>.log} in the work folder (system property
 * {@code ucv.work.dir}, else {@code target}), where the script is also copied for python to run.
 */
public final class RtspPeer implements AutoCloseable {
    /** Debian's interpreter: the GStreamer bindings belong to it, not to another python3 on PATH. */
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static Path scriptFile;

    private final int port;
    private final List<String> mounts;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private Process process;
    private Thread reader;

    private RtspPeer(int port, List<String> mounts) {
        this.port = port;
        this.mounts = List.copyOf(mounts);
    }

    /** Starts a peer on {@code port} serving {@code mounts} and waits (bounded) for READY. */
    public static RtspPeer start(int port, String... mounts) {
        RtspPeer peer = new RtspPeer(port, List.of(mounts));
        peer.launch();
        return peer;
    }

    /** A TCP port that was free a moment ago on loopback. */
    public static int freePort() {
        return PeerProcess.freePort();
    }

    private synchronized void launch() {
        Path script = script();
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script.toString(), "--port", Integer.toString(port)));
        for (String mount : mounts) {
            command.add("--mount");
            command.add(mount);
        }
        Path log = workDir().resolve("rtsp-peer-" + port + ".log");
        int readyBefore = count("READY");
        int errorsBefore = count("ERROR");
        process = PeerProcess.start(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())), PYTHON + " " + script);
        Process started = process;
        reader = new Thread(() -> readEvents(started), "rtsp-peer-" + port + "-events");
        reader.setDaemon(true);
        reader.start();
        try {
            PeerProcess.await("RTSP peer READY on port " + port + " (stderr in " + log + ")", READY_TIMEOUT, () -> {
                if (count("ERROR") > errorsBefore) {
                    throw new IllegalStateException(events.get(events.size() - 1));
                }
                if (!started.isAlive() && count("READY") == readyBefore) {
                    throw new IllegalStateException("exited with " + started.exitValue());
                }
                return count("READY") > readyBefore;
            });
        } catch (AssertionError e) {
            stop();
            throw e;
        }
    }

    private void readEvents(Process from) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(from.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                events.add(line);
            }
        } catch (IOException e) {
            // the process went away: its pipe closed
        }
    }

    private static Path workDir() {
        Path dir = Path.of(System.getProperty("ucv.work.dir", "target")).toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /**
     * The script as a file (python needs a path, the resource may sit in a jar): copied once per
     * JVM into the work folder, deleted when the JVM exits.
     */
    private static synchronized Path script() {
        if (scriptFile == null) {
            try (InputStream in = RtspPeer.class.getResourceAsStream("rtsp_peer.py")) {
                if (in == null) {
                    throw new IllegalStateException("rtsp_peer.py is not on the class path next to " + RtspPeer.class);
                }
                Path file = Files.createTempFile(workDir(), "rtsp_peer-", ".py");
                file.toFile().deleteOnExit();
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                scriptFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy rtsp_peer.py into " + workDir(), e);
            }
        }
        return scriptFile;
    }

    /**
     * SIGTERM, a bounded wait, SIGKILL if needed; then checks that the process is gone (reaped,
     * so no zombie) and that the port is free again.
     */
    public synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        process = null;
        PeerProcess.stop(p, "RTSP peer", STOP_TIMEOUT);
        try {
            reader.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the RTSP peer", e);
        }
        PeerProcess.awaitPortFree(port, "the RTSP peer", STOP_TIMEOUT);
    }

    /** Stops the peer and starts it again on the same port with the same mounts. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    public long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException("RTSP peer not running");
        }
        return p.pid();
    }

    public int port() {
        return port;
    }

    /** {@code rtsp://127.0.0.1:<port><mount>} */
    public String url(String mount) {
        return "rtsp://127.0.0.1:" + port + mount;
    }

    /** The URL with {@code user} and {@code password} percent-encoded into the user info. */
    public String url(String mount, String user, String password) {
        return "rtsp://" + encode(user) + ":" + encode(password) + "@127.0.0.1:" + port + mount;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Every event line so far, across restarts, in order. */
    public List<String> events() {
        return List.copyOf(events);
    }

    /** How many event lines so far; use as a mark for {@link #count(String, int)}. */
    public int mark() {
        return events.size();
    }

    /** Lines equal to {@code event} or starting with {@code event + " "}. */
    public int count(String event) {
        return count(event, 0);
    }

    /** Like {@link #count(String)}, counting only lines after {@code mark}. */
    public int count(String event, int mark) {
        List<String> all = events();
        int n = 0;
        for (int i = Math.min(mark, all.size()); i < all.size(); i++) {
            String line = all.get(i);
            if (line.equals(event) || line.startsWith(event + " ")) {
                n++;
            }
        }
        return n;
    }

    /** RTSP connections accepted since {@code mark}. */
    public int clients(int mark) {
        return count("CLIENT", mark);
    }

    /** DESCRIBE requests for {@code mount} since {@code mark}, answered or refused. */
    public int describes(String mount, int mark) {
        return count("DESCRIBE " + mount, mark);
    }
}
