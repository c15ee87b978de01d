package org.ucv.protocol.rtsp.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The GStreamer RTSP server of itests' {@code peers/rtsp_peer.py} (mount syntax in its header),
 * started for one test class and stopped by its process id.
 */
final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final List<String> events = new CopyOnWriteArrayList<>();

    private PeerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static PeerProcess start(String... mounts) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-u",
                System.getProperty("rtsp.peer.script"), "--port", Integer.toString(port)));
        for (String m : mounts) {
            command.add("--mount");
            command.add(m);
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        PeerProcess peer = new PeerProcess(process, port);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    peer.events.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "rtsp-peer-events");
        reader.setDaemon(true);
        reader.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (peer.count("READY") == 0) {
            if (!process.isAlive() || System.nanoTime() > end || peer.count("ERROR") > 0) {
                peer.close();
                throw new IllegalStateException("RTSP peer did not start: " + peer.events);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return peer;
    }

    String url(String mount) {
        return "rtsp://127.0.0.1:" + port + mount;
    }

    int port() {
        return port;
    }

    int count(String prefix) {
        return (int) events.stream().filter(e -> e.equals(prefix) || e.startsWith(prefix + " ")).count();
    }

    List<String> events() {
        return List.copyOf(events);
    }

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
