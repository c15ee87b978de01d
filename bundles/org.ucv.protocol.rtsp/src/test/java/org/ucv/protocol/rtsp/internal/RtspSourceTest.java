package org.ucv.protocol.rtsp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.SourceException;

/**
 * The source against loopback servers written here: one that accepts and never answers, a closed
 * port, and one that answers OPTIONS and then a fixed status to DESCRIBE (real FFmpeg on the
 * client side).
 */
class RtspSourceTest {
    private static final String PASSWORD = "p@ss:w/rd#%9";
    private static final RtspSettings SETTINGS = new RtspSettings("tcp", Duration.ofSeconds(3), Duration.ofSeconds(6),
            Duration.ofSeconds(3), 500_000, 500_000);
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private CameraConfig camera(int port, String path) {
        return CameraConfig.builder("cam-1").protocol("rtsp").host("127.0.0.1").port(port).path(path)
                .username("ad@m").password(PASSWORD).build();
    }

    private RtspSource open(CameraConfig camera, RecordingSink sink) {
        RtspSource source = new RtspSource(camera, SETTINGS, sink, s -> { });
        closeables.add(source);
        source.start();
        return source;
    }

    private ServerSocket listen() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closeables.add(server);
        return server;
    }

    @Test
    void silentServerFailsWithTimeoutWithinTenSeconds() throws Exception {
        ServerSocket server = listen();
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException e) {
                // closed
            }
        });
        acceptor.start();
        closeables.add(() -> accepted.forEach(s -> {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }));
        long start = System.nanoTime();
        RecordingSink sink = new RecordingSink();
        RtspSource source = open(camera(server.getLocalPort(), "/x"), sink);
        RecordingSink.Ended ended = sink.awaitEnd(Duration.ofSeconds(10));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ErrorCode.TIMEOUT, ended.code(), ended.toString());
        assertTrue(millis < 10_000, millis + " ms");
        assertTrue(ended.text().startsWith("cannot open rtsp://***@127.0.0.1:"), ended.text());
        assertFalse(ended.text().contains("w/rd") || ended.text().contains("%40ss"), ended.text());
        source.close();
        assertFalse(threadAlive("ucv-rtsp-cam-1"), "the source thread ended");
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RecordingSink sink = new RecordingSink();
        open(camera(port, "/x"), sink);
        assertEquals(ErrorCode.CAMERA_UNREACHABLE, sink.awaitEnd(Duration.ofSeconds(10)).code());
    }

    @Test
    void describeAnswered401IsAuthFailed() throws Exception {
        ServerSocket server = cannedServer("401 Unauthorized", "WWW-Authenticate: Basic realm=\"cam\"\r\n");
        RecordingSink sink = new RecordingSink();
        open(camera(server.getLocalPort(), "/x"), sink);
        RecordingSink.Ended ended = sink.awaitEnd(Duration.ofSeconds(10));
        assertEquals(ErrorCode.AUTH_FAILED, ended.code(), ended.toString());
        assertFalse(ended.text().contains("w/rd") || ended.text().contains("%40ss"), ended.text());
    }

    @Test
    void describeAnswered404IsStreamNotFound() throws Exception {
        ServerSocket server = cannedServer("404 Not Found", "");
        RecordingSink sink = new RecordingSink();
        open(camera(server.getLocalPort(), "/nope"), sink);
        assertEquals(ErrorCode.STREAM_NOT_FOUND, sink.awaitEnd(Duration.ofSeconds(10)).code());
    }

    @Test
    void closeWhileConnectingReturnsAtOnceAndSilencesTheSink() throws Exception {
        ServerSocket server = listen();
        Thread acceptor = new Thread(() -> {
            try (Socket s = server.accept()) {
                s.getInputStream().readAllBytes();
            } catch (IOException e) {
                // closed
            }
        });
        acceptor.start();
        RecordingSink sink = new RecordingSink();
        RtspSource source = open(camera(server.getLocalPort(), "/x"), sink);
        sink.awaitConnecting(Duration.ofSeconds(5));
        long start = System.nanoTime();
        source.close();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "close took " + millis + " ms");
        assertFalse(threadAlive("ucv-rtsp-cam-1"));
        assertEquals(List.of("connecting"), sink.calls());
        source.close();
    }

    @Test
    void connectionTesterAndSnapshotReportTheCode() throws Exception {
        ServerSocket server = cannedServer("401 Unauthorized", "WWW-Authenticate: Basic realm=\"cam\"\r\n");
        RtspStreamSourceFactory factory = new RtspStreamSourceFactory();
        factory.activate(defaultConfig());
        SourceException tested = org.junit.jupiter.api.Assertions.assertThrows(SourceException.class,
                () -> factory.test(camera(server.getLocalPort(), "/x"), Duration.ofSeconds(5)));
        assertEquals(ErrorCode.AUTH_FAILED, tested.code());
        SourceException snap = org.junit.jupiter.api.Assertions.assertThrows(SourceException.class,
                () -> factory.snapshot(camera(server.getLocalPort(), "/x"), Duration.ofSeconds(5)));
        assertEquals(ErrorCode.AUTH_FAILED, snap.code());
    }

    static RtspStreamSourceFactory.Config defaultConfig() {
        return new RtspStreamSourceFactory.Config() {
            @Override public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return RtspStreamSourceFactory.Config.class;
            }
            @Override public String transport() { return "tcp"; }
            @Override public long socket_timeout_ms() { return 3000; }
            @Override public long open_timeout_ms() { return 6000; }
            @Override public long read_timeout_ms() { return 3000; }
            @Override public long analyzeduration_ms() { return 500; }
            @Override public long probesize() { return 500_000; }
        };
    }

    /** Answers OPTIONS with 200 and every other request with {@code status}. */
    private ServerSocket cannedServer(String status, String headers) throws IOException {
        ServerSocket server = listen();
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = server.accept();
                    closeables.add(socket);
                    serve(socket, status, headers);
                }
            } catch (IOException e) {
                // closed
            }
        });
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    private static void serve(Socket socket, String status, String headers) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            String method = null;
            String cseq = "0";
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (method == null) {
                    method = line.split(" ")[0];
                } else if (line.toLowerCase().startsWith("cseq:")) {
                    cseq = line.substring(5).trim();
                } else if (line.isEmpty()) {
                    String answer = method.equals("OPTIONS")
                            ? "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nPublic: DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n"
                            : "RTSP/1.0 " + status + "\r\nCSeq: " + cseq + "\r\n" + headers + "\r\n";
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    method = null;
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    /** Records sink calls in order. */
    static final class RecordingSink implements MediaSink {
        record Ended(ErrorCode code, String text) {
        }

        private final List<String> calls = new CopyOnWriteArrayList<>();
        private final List<MediaPacket> packets = new CopyOnWriteArrayList<>();
        private volatile Ended ended;

        @Override public void connecting() { calls.add("connecting"); }
        @Override public void streaming() { calls.add("streaming"); }
        @Override public void packet(MediaPacket packet) { packets.add(packet); }
        @Override public void lost(String reason) { calls.add("lost"); ended = new Ended(null, reason); }
        @Override public void failed(ErrorCode code, String message) { calls.add("failed"); ended = new Ended(code, message); }

        List<String> calls() {
            return List.copyOf(calls);
        }

        Ended awaitEnd(Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (ended == null && System.nanoTime() < end) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            if (ended == null) {
                throw new AssertionError("no lost/failed within " + timeout + "; calls " + calls);
            }
            return ended;
        }

        void awaitConnecting(Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (!calls.contains("connecting") && System.nanoTime() < end) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
    }
}
