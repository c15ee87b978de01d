package org.ucv.itests.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The GStreamer RTSP server of {@code peers/rtsp_peer.py} as a process on loopback: started with
 * mount specifications (see the script's header), stopped by its process id, restartable on the
 * same port. Its event lines ({@code CLIENT}, {@code DESCRIBE <path>}, ...) are kept in order so
 * a test can count connections and DESCRIBE requests; its error output goes to a log file.
 */
public final class RtspPeer implements AutoCloseable {
    /** Debian's interpreter: the GStreamer bindings belong to it, not to another python3 on PATH. */
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

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
        Path log = Path.of(System.getProperty("ucv.work.dir", "target")).resolve("rtsp-peer-" + port + ".log");
        int readyBefore = count("READY");
        int errorsBefore = count("ERROR");
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + PYTHON + " " + script, e);
        }
        process = PeerProcess.start(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())), PYTHON + " " + script);
        Process started = process;
        reader = new Thread(() -> readEvents(started), "rtsp-peer-" + port + "-events");
        reader.setDaemon(true);
        reader.start();
        try {
            Await.until("RTSP peer READY on port " + port + " (stderr in " + log + ")", READY_TIMEOUT, () -> {
                if (count("ERROR") > errorsBefore) {
                    throw new IllegalStateException(events.get(events.size() - 1));
                }
                if (!started.isAlive() && count("READY") == readyBefore) {
                    throw new IllegalStateException("exited with " + started.exitValue());
                }
                return count("READY") > readyBefore;
            }, ready -> ready);
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

    private static Path script() {
        URL resource = RtspPeer.class.getResource("/peers/rtsp_peer.py");
        if (resource == null) {
            throw new IllegalStateException("peers/rtsp_peer.py is not on the test class path");
        }
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
