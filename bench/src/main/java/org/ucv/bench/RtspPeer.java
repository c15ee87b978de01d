package org.ucv.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The itests' GStreamer RTSP peer ({@code itests/src/test/resources/peers/rtsp_peer.py}) serving
 * {@code file:} mounts (pre-encoded H.264, looped, no encoder), started on a free loopback port
 * and stopped by its process.
 */
final class RtspPeer implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final int port;

    private RtspPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param mounts mount path to the H.264 Annex B file it loops */
    static RtspPeer start(Path script, Path log, List<String[]> mounts) throws Exception {
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no RTSP peer script at " + script);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script.toString(), "--port", Integer.toString(port)));
        for (String[] mount : mounts) {
            command.add("--mount");
            command.add(mount[0] + "=file:" + mount[1]);
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        RtspPeer peer = new RtspPeer(process, port);
        try {
            process.getOutputStream().close();
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    String line = lines.readLine();
                    // Keep draining the event lines so the peer never blocks on a full pipe.
                    Thread drain = new Thread(() -> {
                        try {
                            while (lines.readLine() != null) {
                                // events are not needed here
                            }
                        } catch (IOException gone) {
                            // the peer ended
                        }
                    }, "bench-rtsp-peer-events");
                    drain.setDaemon(true);
                    drain.start();
                    return line;
                } catch (IOException e) {
                    return "ERROR " + e.getMessage();
                }
            });
            String line = first.get(15, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("READY")) {
                throw new IllegalStateException("RTSP peer did not start: " + line + " (stderr in " + log + ")");
            }
        } catch (TimeoutException e) {
            peer.close();
            throw new IllegalStateException("RTSP peer not READY within 15 s (stderr in " + log + ")", e);
        } catch (Exception | Error e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** {@code rtsp://127.0.0.1:<port><mount>} */
    String url(String mount) {
        return "rtsp://127.0.0.1:" + port + mount;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, a bounded wait, SIGKILL if needed. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        if (process.isAlive()) {
            throw new IllegalStateException("RTSP peer pid " + process.pid() + " survived SIGKILL");
        }
    }
}
