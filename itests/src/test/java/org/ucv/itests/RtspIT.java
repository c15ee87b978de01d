package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucv.itests.support.Await;
import org.ucv.itests.support.Jpeg;
import org.ucv.itests.support.Pictures;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.UcvServer;
import org.ucv.itests.support.WsClient;
import org.ucv.itests.support.WsClient.Message;
import org.ucv.testing.RtspPeer;

/**
 * RTSP cameras against a real RTSP server (GStreamer, {@link RtspPeer}) through the running
 * distribution: codecs and transports, Basic and Digest authentication with reserved characters,
 * a peer that dies and comes back, a silent server, shared sessions, several cameras at once.
 */
class RtspIT {
    private static final Duration ANSWER = Duration.ofSeconds(10);
    /** Camera config pick-up (~1 s), RTSP open and probe, decoder start. */
    private static final Duration FIRST_FRAME = Duration.ofSeconds(30);
    private static final String USER = "ad@m";
    /** Every character that needs care in a URL's user info. */
    private static final String PASSWORD = "Pw@rd:/#%x7";
    private static final String WRONG_PASSWORD = "Wr0ng@:/#%q";
    private static final String SIZE = "320x240@10";

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.shared();

    private static RtspPeer peer;
    private final List<String> cameras = new ArrayList<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startPeer() {
        peer = RtspPeer.start(RtspPeer.freePort(),
                "/h264=h264:" + SIZE, "/h265=h265:" + SIZE, "/mjpeg=mjpeg:" + SIZE,
                "/basic=h264:" + SIZE + ":basic:" + USER + ":" + PASSWORD,
                "/digest=h264:" + SIZE + ":digest:" + USER + ":" + PASSWORD,
                "/shared=h264:" + SIZE,
                "/four1=h264:" + SIZE, "/four2=h264:" + SIZE, "/four3=h264:" + SIZE, "/four4=h264:" + SIZE);
    }

    @AfterAll
    static void stopPeer() {
        if (peer != null) {
            peer.stop();
        }
    }

    @AfterEach
    void removeCameras() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        for (String id : cameras) {
            Files.deleteIfExists(cfg(id));
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"/h264, tcp", "/h265, tcp", "/mjpeg, tcp", "/h264, udp"})
    void eachCodecAndTransportReachesAViewerAndMoves(String mount, String transport) {
        String id = "rtsp" + mount.replace("/", "-") + "-" + transport;
        addCamera(id, Map.of("url", peer.url(mount), "transport", transport));
        try (WsClient ws = watch(id)) {
            assertPicturesChange(ws, id);
        }
    }

    @ParameterizedTest(name = "{0} with the right password")
    @CsvSource({"/basic", "/digest"})
    void rightCredentialsWithReservedCharactersStream(String mount) throws IOException {
        String id = "rtsp-auth" + mount.replace("/", "-");
        addCamera(id, Map.of("host", "127.0.0.1", "port", Integer.toString(peer.port()), "path", mount,
                "username", USER, ".password", PASSWORD));
        try (WsClient ws = watch(id)) {
            assertPicturesChange(ws, id);
        }
        assertNoPasswordInLog();
    }

    @Test
    void wrongPasswordIsAuthFailedWithoutARetryStorm() throws IOException {
        String id = "rtsp-wrong-password";
        int mark = peer.mark();
        long start = System.nanoTime();
        addCamera(id, Map.of("host", "127.0.0.1", "port", Integer.toString(peer.port()), "path", "/digest",
                "username", USER, ".password", WRONG_PASSWORD));
        try (WsClient ws = watch(id)) {
            Message reconnecting = ws.await("reconnecting after the 401", FIRST_FRAME, m -> m.isStatus("reconnecting"));
            String reason = reconnecting.json().path("reason").asText();
            assertTrue(reason.contains("401"), "the reason names the 401: " + reason);
            Await.until("the log names auth_failed for " + id, ANSWER,
                    () -> log().lines().anyMatch(l -> l.contains(id) && l.contains("auth_failed")), found -> found);
            // The core backs off after auth_failed: watch the peer for 30 s.
            Duration left = Duration.ofSeconds(30).minusNanos(System.nanoTime() - start);
            List<Message> later = ws.collect(left);
            assertTrue(later.stream().noneMatch(Message::isFrame), "frames with a wrong password");
        }
        int describes = peer.describes("/digest", mark);
        assertTrue(describes >= 1 && describes <= 5, describes + " DESCRIBE in 30 s: " + peer.events());
        assertNoPasswordInLog();
    }

    @Test
    void killedPeerIsReconnectingThenResumesOnTheSameSocket() {
        String id = "rtsp-restart";
        addCamera(id, Map.of("url", peer.url("/h264")));
        try (WsClient ws = watch(id)) {
            ws.await("a frame", FIRST_FRAME, Message::isFrame);
            peer.stop();
            ws.await("reconnecting after the peer died", Duration.ofSeconds(15), m -> m.isStatus("reconnecting"));
            peer.restart();
            long back = System.nanoTime();
            ws.await("resumed after the peer came back", Duration.ofSeconds(15), m -> m.isStatus("resumed"));
            Message frame = ws.await("a frame after resumed", Duration.ofSeconds(15), Message::isFrame);
            long seconds = (System.nanoTime() - back) / 1_000_000_000L;
            assertTrue(seconds <= 15, "frames again " + seconds + " s after the port opened");
            assertEquals(320, Jpeg.decode(frame.jpeg()).getWidth());
        }
    }

    @Test
    void silentServerTimesOutWithinTenSecondsAndLeavesNoThread() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept());
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        }, "silent-rtsp-server");
        acceptor.start();
        closeables.add(() -> {
            silent.close();
            for (Socket s : accepted) {
                s.close();
            }
            acceptor.join(5000);
        });
        String id = "rtsp-silent";
        addCamera(id, Map.of("url", "rtsp://127.0.0.1:" + silent.getLocalPort() + "/cam"));
        UcvServer server = UCV.server();
        try (WsClient ws = watch(id)) {
            long start = System.nanoTime();
            Message reconnecting = ws.await("reconnecting after the silent server", Duration.ofSeconds(12),
                    m -> m.isStatus("reconnecting"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis <= 10_000, "reported after " + millis + " ms");
            assertTrue(reconnecting.json().path("reason").asText().contains("no answer"), reconnecting.toString());
            Await.until("the log names timeout for " + id, ANSWER,
                    () -> log().lines().anyMatch(l -> l.contains(id) && l.contains("(timeout)")), found -> found);
        }
        Files.deleteIfExists(cfg(id));
        Await.until("no ucv-* thread of " + id, Duration.ofSeconds(30),
                () -> server.threadNames().stream().filter(n -> n.startsWith("ucv-") && n.endsWith("-" + id)).toList(),
                List::isEmpty);
        assertEquals(List.of(), server.childProcesses(), "child processes of the server");
    }

    @Test
    void tenViewersShareOneRtspSession() {
        String id = "rtsp-ten-viewers";
        int mark = peer.mark();
        addCamera(id, Map.of("url", peer.url("/shared")));
        List<WsClient> viewers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                WsClient ws = watch(id);
                viewers.add(ws);
            }
            for (WsClient ws : viewers) {
                ws.await("a frame", FIRST_FRAME, Message::isFrame);
            }
        } finally {
            viewers.forEach(WsClient::close);
        }
        assertEquals(1, peer.clients(mark), "RTSP connections: " + peer.events().subList(mark, peer.mark()));
        assertEquals(1, peer.describes("/shared", mark), "DESCRIBEs: " + peer.events().subList(mark, peer.mark()));
        assertEquals(1, peer.count("PLAY /shared", mark));
    }

    @Test
    void fourCamerasStreamAtOnce() {
        Map<String, WsClient> viewers = new LinkedHashMap<>();
        try {
            for (int i = 1; i <= 4; i++) {
                String id = "rtsp-four-" + i;
                addCamera(id, Map.of("url", peer.url("/four" + i)));
                viewers.put(id, watch(id));
            }
            for (Map.Entry<String, WsClient> v : viewers.entrySet()) {
                v.getValue().await("a first frame from " + v.getKey(), FIRST_FRAME, Message::isFrame);
            }
            // All four sockets fill at once: read them in turn over the same 5 s.
            Map<String, Integer> counts = new LinkedHashMap<>();
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                for (Map.Entry<String, WsClient> v : viewers.entrySet()) {
                    int n = (int) v.getValue().collect(Duration.ofMillis(250)).stream().filter(Message::isFrame).count();
                    counts.merge(v.getKey(), n, Integer::sum);
                }
            }
            // 10 fps for 5 s; a loaded machine may drop some, but each camera keeps flowing.
            counts.forEach((id, n) -> assertTrue(n >= 25, id + ": " + n + " frames in 5 s; all: " + counts));
        } finally {
            viewers.values().forEach(WsClient::close);
        }
    }

    // ---- helpers ----

    private WsClient watch(String id) {
        WsClient ws = WsClient.open(UCV.server(), id);
        Protocol.assertConnection(ws.next(ANSWER), id);
        ws.send(StreamIT.start("medium", 10, "json"));
        ws.await("stream_started for " + id, ANSWER, m -> m.isStatus("stream_started"));
        return ws;
    }

    /** Waits for two decodable 320x240 pictures that differ (the peer draws a clock and a moving ball). */
    private static void assertPicturesChange(WsClient ws, String id) {
        Pictures.assertChange(ws, id, 320, 240, 200, FIRST_FRAME, ANSWER);
    }

    private void addCamera(String id, Map<String, String> properties) {
        Properties p = new Properties();
        p.setProperty("id", id);
        p.setProperty("protocol", "rtsp");
        p.putAll(properties);
        cameras.add(id);
        Path file = cfg(id);
        Path temp = file.resolveSibling(id + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // FileInstall must see the whole file at once
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.until("camera " + id + " in GET /api/cameras", ANSWER, () -> {
            for (var camera : UCV.server().json("/api/cameras")) {
                if (id.equals(camera.path("id").asText())) {
                    return true;
                }
            }
            return false;
        }, found -> found);
    }

    private static Path cfg(String id) {
        return UCV.server().home().resolve("load").resolve("org.ucv.camera-" + id + ".cfg");
    }

    private static String log() throws IOException {
        return Files.readString(UCV.server().log(), StandardCharsets.ISO_8859_1);
    }

    private static void assertNoPasswordInLog() throws IOException {
        String log = log();
        for (String secret : List.of(PASSWORD, WRONG_PASSWORD, encode(PASSWORD), encode(WRONG_PASSWORD))) {
            assertFalse(log.contains(secret), "the log holds a test password (" + secret.length() + " chars)");
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
