package org.ucv.itests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.ucv.testing.PeerProcess;

/**
 * Debian's {@code motion} as an HTTP camera on loopback: it takes its pictures from an RTSP URL
 * ({@code netcam_url}) and serves MJPEG at {@code /} and one JPEG at {@code /current} of its stream
 * port, with Basic or Digest auth (PEERS.md). The config is written into a temporary folder with
 * every output file turned off; stopped by its process id, waiting for the exit and the port.
 */
public final class MotionPeer implements AutoCloseable {
    /** How motion protects its stream port ({@code stream_auth_method} 0, 1, 2). */
    public enum Auth { NONE, BASIC, DIGEST }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    /** Motion takes a few seconds to exit after SIGTERM (PEERS.md). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final String netcamUrl;
    private final Auth auth;
    private final String user;
    private final String password;
    private final int streamPort;
    private final int controlPort;
    private final Path dir;
    private Process process;

    private MotionPeer(String netcamUrl, Auth auth, String user, String password) throws IOException {
        this.netcamUrl = netcamUrl;
        this.auth = auth;
        this.user = user;
        this.password = password;
        this.streamPort = PeerProcess.freePort();
        this.controlPort = PeerProcess.freePort();
        this.dir = Files.createTempDirectory(Path.of(System.getProperty("ucv.work.dir", "target")).toAbsolutePath(),
                "motion-");
    }

    /**
     * Starts motion and waits (bounded) until its stream port serves a picture.
     *
     * @param netcamUrl where motion takes its pictures (an H.264 mount of the RTSP peer)
     * @param auth how its stream is protected
     * @param user the user for Basic/Digest (ignored for NONE)
     * @param password the password (no ':' in it: motion splits user:pass at the first one)
     * @return the running peer
     */
    public static MotionPeer start(String netcamUrl, Auth auth, String user, String password) {
        try {
            MotionPeer peer = new MotionPeer(netcamUrl, auth, user, password);
            peer.launch();
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start motion", e);
        }
    }

    private synchronized void launch() {
        Path conf = dir.resolve("motion.conf");
        String text = String.join("\n",
                "daemon off",
                "setup_mode off",
                "log_level 5",
                "target_dir " + dir.resolve("out"),
                "netcam_url " + netcamUrl,
                "width 320",
                "height 240",
                "framerate 15",
                "picture_output off",
                "movie_output off",
                "snapshot_interval 0",
                "stream_port " + streamPort,
                "stream_localhost on",
                "stream_maxrate 15",
                "stream_quality 75",
                "stream_auth_method " + auth.ordinal(),
                auth == Auth.NONE ? "" : "stream_authentication " + user + ":" + password,
                "webcontrol_port " + controlPort,
                "webcontrol_localhost on",
                "") ;
        try {
            Files.writeString(conf, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start motion with " + conf, e);
        }
        process = PeerProcess.start(new ProcessBuilder("motion", "-n", "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("motion.log").toFile())),
                "motion with " + conf);
        Process started = process;
        Await.until("motion pid " + started.pid() + " serving a picture on port " + streamPort, READY_TIMEOUT, () -> {
            if (!started.isAlive()) {
                throw new AssertionError("motion exited with " + started.exitValue() + ": " + log());
            }
            return servesPicture();
        }, ok -> ok);
    }

    /** Stops motion by its process id, waits for its exit and for the port to be free. */
    public synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        process = null;
        PeerProcess.stop(p, "motion", STOP_TIMEOUT);
        PeerProcess.awaitPortFree(streamPort, "motion", STOP_TIMEOUT);
    }

    /** Starts motion again on the same ports with the same configuration. */
    public void start() {
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    /** @return {@code http://127.0.0.1:<stream port><path>} */
    public String url(String path) {
        return "http://127.0.0.1:" + streamPort + path;
    }

    public int streamPort() {
        return streamPort;
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** @return motion's own output so far */
    public String log() {
        try {
            return Files.readString(dir.resolve("motion.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Reads the MJPEG stream directly (Basic or no auth only) for a while.
     *
     * @param duration how long to read
     * @return the JPEG parts received, in order
     */
    public List<byte[]> readParts(Duration duration) throws IOException {
        if (auth == Auth.DIGEST) {
            throw new IllegalStateException("readParts speaks Basic only");
        }
        HttpURLConnection c = (HttpURLConnection) URI.create(url("/")).toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        if (auth == Auth.BASIC) {
            c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        List<byte[]> parts = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        try (InputStream in = c.getInputStream()) {
            while (System.nanoTime() < end) {
                int length = -1;
                for (String line = line(in); line != null && (length < 0 || !line.isEmpty()); line = line(in)) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                if (length < 0) {
                    break;
                }
                parts.add(in.readNBytes(length));
            }
        } finally {
            c.disconnect();
        }
        return parts;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** A 200 or 401 with a body from {@code /current}: motion's web server is up and has a picture. */
    private boolean servesPicture() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), streamPort), 1000);
            s.setSoTimeout(2000);
            s.getOutputStream().write(("GET /current HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                    + (auth == Auth.BASIC ? "Authorization: Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            return head.endsWith("200") || auth == Auth.DIGEST && head.endsWith("401");
        } catch (IOException e) {
            return false;
        }
    }
}
