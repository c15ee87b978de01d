package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucv.itests.support.Await;
import org.ucv.itests.support.Jpeg;
import org.ucv.itests.support.MotionPeer;
import org.ucv.itests.support.MotionPeer.Auth;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.WsClient;
import org.ucv.itests.support.WsClient.Message;
import org.ucv.testing.RtspPeer;

/**
 * The HTTP plugin against Debian's motion (fed by the GStreamer RTSP peer) and against small
 * servers in this test that misbehave on purpose.
 */
class HttpIT {
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final Duration FIRST_FRAME = Duration.ofSeconds(30);
    private static final String USER = "viewer";
    private static final String PASSWORD = "s3cret-pw";

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.shared();

    private static RtspPeer rtsp;
    private static MotionPeer basic;
    private static MotionPeer digest;

    @BeforeAll
    static void peers() {
        rtsp = RtspPeer.start(RtspPeer.freePort(), "/cam=h264:320x240@15");
        basic = MotionPeer.start(rtsp.url("/cam"), Auth.BASIC, USER, PASSWORD);
        digest = MotionPeer.start(rtsp.url("/cam"), Auth.DIGEST, USER, PASSWORD);
    }

    @AfterAll
    static void stopPeers() {
        for (AutoCloseable peer : new AutoCloseable[] {basic, digest, rtsp}) {
            try {
                if (peer != null) {
                    peer.close();
                }
            } catch (Exception e) {
                throw new AssertionError("stopping a peer failed", e);
            }
        }
    }

    @Test
    void streamsFromMotionWithBasicAuthAtAboutItsRate() throws IOException {
        String id = camera("motion-basic", basic.url("/"), USER, PASSWORD);
        try (WsClient ws = watch(id, "medium", 30)) {
            ws.await("a first frame", FIRST_FRAME, Message::isFrame);
            CompletableFuture<List<byte[]>> direct = CompletableFuture.supplyAsync(() -> read(basic, Duration.ofSeconds(5)));
            List<Message> frames = ws.collect(Duration.ofSeconds(5)).stream().filter(Message::isFrame).toList();
            int motionParts = direct.join().size();
            assertTrue(motionParts >= 10, "motion itself sent only " + motionParts + " parts in 5 s");
            assertTrue(frames.size() >= motionParts * 0.6 && frames.size() <= motionParts * 1.3 + 2,
                    frames.size() + " frames from UCV while motion sent " + motionParts + " parts in the same 5 s");
            BufferedImage first = Jpeg.decode(frames.get(0).jpeg());
            BufferedImage last = Jpeg.decode(frames.get(frames.size() - 1).jpeg());
            assertEquals(320, first.getWidth());
            assertTrue(differ(first, last), "the picture did not change in 5 s");
        } finally {
            remove(id);
        }
    }

    @Test
    void snapshotPollingFromMotionAtTwoFps() {
        String id = camera("motion-snap", digest.url("/current"), USER, PASSWORD, "mode=snapshot, fps=2");
        try (WsClient ws = watch(id, "medium", 15)) {
            ws.await("a first frame", FIRST_FRAME, Message::isFrame);
            List<Message> frames = ws.collect(Duration.ofSeconds(5)).stream().filter(Message::isFrame).toList();
            assertTrue(frames.size() >= 6 && frames.size() <= 12, frames.size() + " frames in 5 s at fps=2");
        } finally {
            remove(id);
        }
    }

    @Test
    void digestAuthRightAndWrong() {
        String right = camera("motion-digest", digest.url("/"), USER, PASSWORD);
        String wrong = camera("motion-digest-bad", digest.url("/"), USER, "not-the-password");
        try (WsClient good = watch(right, "low", 5); WsClient bad = watch(wrong, "low", 5)) {
            good.await("a frame with Digest auth", FIRST_FRAME, Message::isFrame);
            assertAuthFailed(bad, "not-the-password");
        } finally {
            remove(right);
            remove(wrong);
        }
    }

    @Test
    void basicAuthWrongPassword() {
        String wrong = camera("motion-basic-bad", basic.url("/"), USER, "not-the-password");
        try (WsClient bad = watch(wrong, "low", 5)) {
            assertAuthFailed(bad, "not-the-password");
        } finally {
            remove(wrong);
        }
    }

    @Test
    void motionKilledAndRestartedReconnectsOnTheSameSocket() {
        try (MotionPeer own = MotionPeer.start(rtsp.url("/cam"), Auth.NONE, null, null)) {
            String id = camera("motion-restart", own.url("/"), null, null);
            try (WsClient ws = watch(id, "low", 10)) {
                ws.await("a first frame", FIRST_FRAME, Message::isFrame);
                own.stop();
                ws.await("reconnecting", ANSWER, m -> m.isStatus("reconnecting"));
                own.start();
                ws.await("resumed", FIRST_FRAME, m -> m.isStatus("resumed"));
                ws.await("a frame after resumed", ANSWER, Message::isFrame);
            } finally {
                remove(id);
            }
        }
    }

    @Test
    void sourceQualityForwardsMotionsOwnJpegWithoutDecoding() throws Exception {
        String id = camera("motion-source", basic.url("/"), USER, PASSWORD);
        try (WsClient ws = watch(id, "source", 30)) {
            ws.await("a first frame", FIRST_FRAME, Message::isFrame);
            CompletableFuture<List<byte[]>> direct = CompletableFuture.supplyAsync(() -> read(basic, Duration.ofSeconds(6)));
            List<Message> frames = ws.collect(Duration.ofSeconds(3)).stream().filter(Message::isFrame).toList();
            assertTrue(frames.size() >= 10, frames.size() + " frames in 3 s");
            List<byte[]> parts = direct.join();
            Set<String> sent = parts.stream().map(HttpIT::sha256).collect(Collectors.toSet());
            List<String> got = frames.stream().map(f -> sha256(f.jpeg())).toList();
            // Frames sent before the direct reader's connection got its first part cannot match.
            int first = 0;
            while (first < got.size() && !sent.contains(got.get(first))) {
                first++;
            }
            assertTrue(first < got.size() / 2, "the first of " + got.size() + " frames equal to a part of motion's is #" + first);
            // motion serves each client the newest picture at its own pace, so a client may skip a
            // picture another one got: most frames, not all, are found among the direct reader's parts.
            long matching = got.subList(first, got.size()).stream().filter(sent::contains).count();
            assertTrue(matching >= (got.size() - first) * 8 / 10,
                    matching + " of " + (got.size() - first) + " frames equal a part of motion's");
            // Every frame, matched or not, is motion's own encoding: our encoder's quantization tables differ.
            List<int[]> motionTables = Jpeg.quantizationTables(parts.get(0));
            for (int i = 0; i < frames.size(); i++) {
                List<int[]> tables = Jpeg.quantizationTables(frames.get(i).jpeg());
                assertEquals(motionTables.size(), tables.size(), "frame #" + i + " tables");
                for (int t = 0; t < tables.size(); t++) {
                    assertTrue(Arrays.equals(motionTables.get(t), tables.get(t)),
                            "frame #" + i + " carries other quantization tables than motion's: re-encoded");
                }
            }
            assertEquals(0, decodersOpened(id), "decoders opened while only a source viewer watches");
            try (WsClient decoding = watch(id, "medium", 5)) {
                Message medium = decoding.await("a medium frame", FIRST_FRAME, Message::isFrame);
                assertEquals(1, decodersOpened(id), "decoders once a medium viewer joined (the counter works)");
                assertTrue(!Arrays.equals(motionTables.get(0), Jpeg.quantizationTables(medium.jpeg()).get(0)),
                        "a re-encoded frame has other tables than motion's (the table check works)");
            }
        } finally {
            remove(id);
        }
    }

    @Test
    void aCorruptPartBetweenGoodOnesIsSkipped() throws Exception {
        byte[] good = goodJpeg();
        try (TestServer server = new TestServer((n, out) -> {
            for (int i = 0; ; i++) {
                part(out, i % 3 == 1 ? Arrays.copyOf(good, good.length / 2) : good);
                Thread.sleep(100);
            }
        })) {
            String id = camera("http-corrupt", server.url(), null, null);
            try (WsClient ws = watch(id, "low", 15)) {
                ws.await("a first frame", FIRST_FRAME, Message::isFrame);
                List<Message> frames = ws.collect(Duration.ofSeconds(3)).stream().filter(Message::isFrame).toList();
                assertTrue(frames.size() >= 10, frames.size() + " frames in 3 s");
                assertTrue(frames.stream().allMatch(f -> Jpeg.decode(f.jpeg()).getWidth() == 64));
                Await.until("the corrupt part in the server log", ANSWER, () -> log("http-corrupt"),
                        l -> l.contains("Camera 'http-corrupt': skipped a corrupt JPEG"));
                assertEquals(1, server.connections.get(), "the stream reconnected over a corrupt part");
            } finally {
                remove(id);
            }
        }
    }

    @Test
    void anEndlessPartIsDroppedWithinTheBoundAndTheStreamComesBack() throws Exception {
        byte[] good = goodJpeg();
        int maxPart = 256 * 1024;
        try (TestServer server = new TestServer((n, out) -> {
            for (int i = 0; i < 5; i++) {
                part(out, good);
                Thread.sleep(100);
            }
            if (n == 1) {
                out.write("--frame\r\nContent-Type: image/jpeg\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                byte[] noise = new byte[16 * 1024];
                Arrays.fill(noise, (byte) 0x42);
                while (true) {
                    out.write(noise);
                    Thread.sleep(2);
                }
            }
            while (true) {
                part(out, good);
                Thread.sleep(100);
            }
        })) {
            String id = camera("http-endless", server.url(), null, null,
                    "max_part_bytes=" + maxPart + ", read_timeout_ms=3000");
            try (WsClient ws = watch(id, "low", 15)) {
                ws.await("a first frame", FIRST_FRAME, Message::isFrame);
                ws.await("reconnecting after the endless part", ANSWER, m -> m.isStatus("reconnecting"));
                ws.await("resumed", FIRST_FRAME, m -> m.isStatus("resumed"));
                ws.await("a frame after resumed", ANSWER, Message::isFrame);
                Matcher m = Await.until("the oversize part in the server log", ANSWER, () -> Pattern.compile(
                        "Camera 'http-endless': dropped a part larger than max_part_bytes=" + maxPart
                                + "; (\\d+) oversize so far; buffer high-water mark (\\d+) bytes \\(bound (\\d+)\\)")
                        .matcher(log("http-endless")), Matcher::find);
                assertTrue(Long.parseLong(m.group(1)) >= 1);
                assertTrue(Long.parseLong(m.group(2)) <= Long.parseLong(m.group(3)),
                        "high-water mark " + m.group(2) + " above the bound " + m.group(3));
                assertTrue(Long.parseLong(m.group(3)) < maxPart + 64 * 1024, "bound " + m.group(3));
            } finally {
                remove(id);
            }
        }
    }

    private static void assertAuthFailed(WsClient ws, String password) {
        Message m = ws.await("reconnecting after auth_failed", FIRST_FRAME, x -> x.isStatus("reconnecting"));
        String reason = m.json().path("reason").asText();
        assertTrue(reason.contains("refused the credentials"), reason);
        assertTrue(!reason.contains(password), "the password in " + reason);
        // docs/core.md: only auth_failed backs off 10 s at the first attempt.
        assertEquals(10_000, m.json().path("retry_in_ms").asInt(), m.toString());
    }

    private static WsClient watch(String id, String quality, int fps) {
        WsClient ws = WsClient.open(UCV.server(), id);
        ws.await("connection", ANSWER, m -> "connection".equals(m.type()));
        ObjectNode start = StreamIT.start(quality, fps, "binary");
        ws.send(start);
        ws.await("stream_started", ANSWER, m -> m.isStatus("stream_started"));
        return ws;
    }

    private static String camera(String id, String url, String user, String password) {
        return camera(id, url, user, password, null);
    }

    private static String camera(String id, String url, String user, String password, String options) {
        StringBuilder cfg = new StringBuilder("id=" + id + "\nprotocol=http\nurl=" + url + "\n");
        if (user != null) {
            cfg.append("username=").append(user).append("\n.password=").append(password).append('\n');
        }
        if (options != null) {
            cfg.append("options=").append(options).append('\n');
        }
        try {
            Files.writeString(cfgFile(id), cfg);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Await.until("camera " + id + " configured", ANSWER, () -> UCV.server().json("/api/cameras"),
                cams -> cams.findValues("id").stream().anyMatch(v -> v.asText().equals(id)));
        return id;
    }

    private static void remove(String id) {
        try {
            Files.deleteIfExists(cfgFile(id));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path cfgFile(String id) {
        return UCV.server().home().resolve("load").resolve("org.ucv.camera-" + id + ".cfg");
    }

    /** The server log's lines about one camera. */
    private static String log(String cameraId) throws IOException {
        try (var lines = Files.lines(UCV.server().log(), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("'" + cameraId + "'")).collect(Collectors.joining("\n"));
        }
    }

    private static List<byte[]> read(MotionPeer motion, Duration duration) {
        try {
            return motion.readParts(duration);
        } catch (IOException e) {
            throw new AssertionError("reading motion's stream directly failed", e);
        }
    }

    /** The camera session's count of decoders opened, from {@code GET /api/streams}. */
    private static long decodersOpened(String id) throws IOException, InterruptedException {
        for (JsonNode stream : UCV.server().json("/api/streams")) {
            if (id.equals(stream.path("camera_id").asText())) {
                return stream.path("metrics").path("decoders_opened").asLong(-1);
            }
        }
        throw new AssertionError("no running session of camera " + id + " in /api/streams");
    }

    private static boolean differ(BufferedImage a, BufferedImage b) {
        long diff = 0;
        for (int y = 0; y < a.getHeight(); y += 4) {
            for (int x = 0; x < a.getWidth(); x += 4) {
                diff += Math.abs((a.getRGB(x, y) & 0xFF) - (b.getRGB(x, y) & 0xFF));
            }
        }
        return diff > 0;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A real 64x48 JPEG, made by the JDK's encoder. */
    private static byte[] goodJpeg() throws IOException {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8);
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    private static void part(OutputStream out, byte[] jpeg) throws IOException {
        out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(jpeg);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** An MJPEG server in this JVM; {@code body} writes the stream of the n-th connection (1, 2, ...). */
    private static final class TestServer implements AutoCloseable {
        interface Body {
            void write(int connection, OutputStream out) throws IOException, InterruptedException;
        }

        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket socket;
        private final Thread acceptor;
        private final List<Socket> clients = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();

        TestServer(Body body) throws IOException {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        int n = connections.incrementAndGet();
                        Thread t = new Thread(() -> serve(client, n, body), "test-mjpeg-" + n);
                        synchronized (this) {
                            clients.add(client);
                            threads.add(t);
                        }
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "test-mjpeg-accept");
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/video.mjpg";
        }

        private static void serve(Socket client, int n, Body body) {
            try (client) {
                InputStream in = client.getInputStream();
                byte[] head = new byte[4096];
                int got = 0;
                while (got < head.length && !new String(head, 0, got, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    int r = in.read(head, got, head.length - got);
                    if (r < 0) {
                        return;
                    }
                    got += r;
                }
                OutputStream out = client.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                body.write(n, out);
            } catch (IOException | InterruptedException e) {
                // the client went away, or the test ended
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(5000);
            List<Thread> ts;
            synchronized (this) {
                for (Socket c : clients) {
                    c.close();
                }
                ts = List.copyOf(threads);
            }
            for (Thread t : ts) {
                t.interrupt();
                t.join(5000);
            }
        }
    }
}
