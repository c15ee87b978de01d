package org.ucv.protocol.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ConnectionTester.ConnectionTestResult;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSource;
import org.ucv.net.Challenge;
import org.ucv.net.Digest;
import org.ucv.net.DigestAlgorithm;

/** The sources against small scripted servers on loopback. */
class HttpSourcesTest {
    private static final String PASSWORD = "right-pass";
    private static final byte[] A = MultipartParserTest.jpeg(3000, 1);
    private static final byte[] B = MultipartParserTest.jpeg(2000, 2);
    private static final String MJPEG_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\n\r\n";

    private final HttpSources sources = new HttpSources();
    private final RecordingSink sink = new RecordingSink();
    private FakeCamera camera;
    private StreamSource source;

    @AfterEach
    void tearDown() throws Exception {
        if (source != null) {
            source.close();
        }
        sink.sourceClosed();
        if (camera != null) {
            camera.close();
        }
        assertNull(sink.violation());
    }

    private CameraConfig.Builder config(String path) {
        return CameraConfig.builder("cam1").protocol("http").url("http://127.0.0.1:" + camera.port() + path);
    }

    /** Digest with qop=auth, checked with the real formula; a request without it gets the challenge. */
    private static boolean digestOk(List<String> head, OutputStream out) throws IOException {
        String auth = FakeCamera.header(head, "Authorization");
        if (auth != null) {
            Map<String, String> p = Challenge.parse(auth).get(0).params();
            String expected = Digest.response(DigestAlgorithm.MD5, false, p.get("username"), "cam", PASSWORD, "GET",
                    p.get("uri"), "n1", p.get("nc"), p.get("cnonce"), "auth");
            if (expected.equals(p.get("response"))) {
                return true;
            }
        }
        FakeCamera.write(out, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"cam\",qop=\"auth\","
                + "nonce=\"n1\",opaque=\"o\",algorithm=md5\r\nContent-Length: 0\r\n\r\n");
        return false;
    }

    private static void hold() throws InterruptedException {
        Thread.sleep(TimeUnit.SECONDS.toMillis(30));
    }

    @Test
    void mjpegWithDigestDeliversWholePicturesAndSkipsACorruptOne() throws Exception {
        camera = new FakeCamera((head, out) -> {
            if (digestOk(head, out)) {
                FakeCamera.write(out, MJPEG_HEAD);
                FakeCamera.part(out, A);
                FakeCamera.part(out, Arrays.copyOf(B, 1000)); // no EOI: corrupt
                FakeCamera.part(out, B);
                hold();
            }
        });
        source = sources.open(config("/video").username("admin").password(PASSWORD).build(), sink);
        assertTrue(sink.await(s -> s.packets().size() >= 2, 5000), sink.events().toString());
        List<MediaPacket> packets = sink.packets();
        assertArrayEquals(A, packets.get(0).payload());
        assertArrayEquals(B, packets.get(1).payload());
        assertEquals(Codec.MJPEG, packets.get(0).codec());
        assertTrue(packets.get(0).keyframe());
        assertEquals(List.of("connecting", "streaming", "packet", "packet"), sink.events());
        assertEquals("/video", camera.requests().get(1).get(0).split(" ")[1]);
    }

    @Test
    void wrongPasswordIsAuthFailedWithoutThePassword() throws Exception {
        camera = new FakeCamera(HttpSourcesTest::digestOk);
        source = sources.open(config("/").username("admin").password("wrong-pass").build(), sink);
        assertTrue(sink.await(RecordingSink::ended, 5000));
        assertEquals(ErrorCode.AUTH_FAILED, sink.failedCode);
        assertTrue(sink.failedMessage.contains("cam1"), sink.failedMessage);
        assertFalse(sink.failedMessage.contains("wrong-pass"));
        assertEquals(2, camera.requests().size());
    }

    @Test
    void basicAuthWithTheRightPassword() throws Exception {
        String expected = org.ucv.net.HttpAuthenticator.basic("admin", PASSWORD);
        camera = new FakeCamera((head, out) -> {
            if (!expected.equals(FakeCamera.header(head, "Authorization"))) {
                FakeCamera.write(out, "HTTP/1.0 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\n\r\n");
                return;
            }
            FakeCamera.write(out, MJPEG_HEAD);
            FakeCamera.part(out, A);
            hold();
        });
        source = sources.open(config("/").username("admin").password(PASSWORD).build(), sink);
        assertTrue(sink.await(s -> s.packets().size() >= 1, 5000), sink.events().toString());
    }

    @Test
    void htmlPageIsNotAStream() throws Exception {
        camera = new FakeCamera((head, out) -> FakeCamera.write(out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>"));
        source = sources.open(config("/").build(), sink);
        assertTrue(sink.await(RecordingSink::ended, 5000));
        assertEquals(ErrorCode.NOT_A_STREAM, sink.failedCode);
    }

    @Test
    void notFoundIsStreamNotFound() throws Exception {
        camera = new FakeCamera((head, out) -> FakeCamera.write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
        source = sources.open(config("/nope").build(), sink);
        assertTrue(sink.await(RecordingSink::ended, 5000));
        assertEquals(ErrorCode.STREAM_NOT_FOUND, sink.failedCode);
    }

    @Test
    void refusedConnectionIsCameraUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        source = sources.open(CameraConfig.builder("cam1").protocol("http").url("http://127.0.0.1:" + port + "/").build(), sink);
        assertTrue(sink.await(RecordingSink::ended, 5000));
        assertEquals(ErrorCode.CAMERA_UNREACHABLE, sink.failedCode);
    }

    @Test
    void silenceBeforeTheFirstPictureIsATimeout() throws Exception {
        camera = new FakeCamera((head, out) -> {
            FakeCamera.write(out, MJPEG_HEAD);
            hold();
        });
        source = sources.open(config("/").option("read_timeout_ms", "300").build(), sink);
        assertTrue(sink.await(RecordingSink::ended, 5000));
        assertEquals(ErrorCode.TIMEOUT, sink.failedCode);
    }

    @Test
    void endAfterPicturesIsLost() throws Exception {
        camera = new FakeCamera((head, out) -> {
            FakeCamera.write(out, MJPEG_HEAD);
            FakeCamera.part(out, A);
        });
        source = sources.open(config("/").build(), sink);
        assertTrue(sink.await(RecordingSink::ended, 5000));
        assertTrue(sink.events().get(sink.events().size() - 1).startsWith("lost "), sink.events().toString());
    }

    @Test
    void anEndlessPartEndsTheConnectionAfterTheReadTimeoutSoTheCoreReconnects() throws Exception {
        camera = new FakeCamera((head, out) -> {
            FakeCamera.write(out, MJPEG_HEAD);
            FakeCamera.part(out, A);
            FakeCamera.write(out, "--frame\r\nContent-Type: image/jpeg\r\n\r\n");
            byte[] noise = new byte[8192];
            Arrays.fill(noise, (byte) 0x11);
            while (true) {
                out.write(noise);
                Thread.sleep(5);
            }
        });
        source = sources.open(config("/").option("read_timeout_ms", "500").option("max_part_bytes", "65536").build(), sink);
        assertTrue(sink.await(RecordingSink::ended, 5000));
        assertEquals(1, sink.packets().size());
        assertTrue(sink.events().get(sink.events().size() - 1).startsWith("lost "));
    }

    @Test
    void closeEndsABlockedReadAtOnceAndNoSinkCallFollows() throws Exception {
        camera = new FakeCamera((head, out) -> {
            FakeCamera.write(out, MJPEG_HEAD);
            FakeCamera.part(out, A);
            hold();
        });
        source = sources.open(config("/").option("read_timeout_ms", "60000").build(), sink);
        assertTrue(sink.await(s -> s.packets().size() == 1, 5000));
        long t0 = System.nanoTime();
        source.close();
        source.close();
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2));
        sink.sourceClosed();
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("ucv-http-cam1")));
    }

    @Test
    void snapshotPollingNeverOverlapsRequests() throws Exception {
        camera = new FakeCamera((head, out) -> {
            Thread.sleep(120); // slower than the 10 fps asked for
            FakeCamera.write(out, "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: " + A.length + "\r\n\r\n");
            out.write(A);
        });
        source = sources.open(config("/current").option("mode", "snapshot").option("fps", "10").build(), sink);
        assertTrue(sink.await(s -> s.packets().size() >= 4, 5000), sink.events().toString());
        assertEquals(1, camera.maxOpen.get());
        assertArrayEquals(A, sink.packets().get(0).payload());
    }

    @Test
    void snapshotOfAnHtmlPageIsNotAStream() throws Exception {
        camera = new FakeCamera((head, out) -> FakeCamera.write(out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>login</html>"));
        source = sources.open(config("/").option("mode", "snapshot").build(), sink);
        assertTrue(sink.await(RecordingSink::ended, 5000));
        assertEquals(ErrorCode.NOT_A_STREAM, sink.failedCode);
    }

    @Test
    void chunkedMjpegLikeMotion() throws Exception {
        camera = new FakeCamera((head, out) -> {
            FakeCamera.write(out, "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=BoundaryString\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            for (byte[] jpeg : List.of(A, B)) {
                byte[] head2 = ("--BoundaryString\r\nContent-type: image/jpeg\r\nContent-Length:      " + jpeg.length
                        + "\r\n\r\n").getBytes();
                FakeCamera.write(out, Integer.toHexString(head2.length) + "\r\n");
                out.write(head2);
                FakeCamera.write(out, "\r\n" + Integer.toHexString(jpeg.length + 4) + "\r\n");
                out.write(jpeg);
                FakeCamera.write(out, "\r\n\r\n\r\n");
            }
            hold();
        });
        source = sources.open(config("/").build(), sink);
        assertTrue(sink.await(s -> s.packets().size() >= 2, 5000), sink.events().toString());
        assertArrayEquals(B, sink.packets().get(1).payload());
    }

    @Test
    void snapshotAndTestFromAStream() throws Exception {
        camera = new FakeCamera((head, out) -> {
            FakeCamera.write(out, MJPEG_HEAD);
            FakeCamera.part(out, A);
            hold();
        });
        CameraConfig c = config("/").build();
        assertArrayEquals(A, Snapshots.snapshot(c, Duration.ofSeconds(5)));
        ConnectionTestResult r = Snapshots.test(c, Duration.ofSeconds(5));
        assertEquals(Codec.MJPEG, r.codec());
        assertTrue(r.detail().contains("MJPEG stream"), r.detail());
        SourceException e = assertThrows(SourceException.class, () -> Snapshots.snapshot(
                CameraConfig.builder("c2").protocol("http").build(), Duration.ofSeconds(1)));
        assertEquals(ErrorCode.INVALID_PARAMS, e.code());
    }

    @Test
    void selfSignedTlsNeedsInsecureTls(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("cam.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "cam", "-keyalg", "EC", "-dname", "CN=camera", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        camera = new FakeCamera(ctx.getServerSocketFactory(), (head, out) -> {
            FakeCamera.write(out, MJPEG_HEAD);
            FakeCamera.part(out, A);
            hold();
        });
        String url = "https://127.0.0.1:" + camera.port() + "/";
        source = sources.open(CameraConfig.builder("cam1").protocol("https").url(url).build(), sink);
        assertTrue(sink.await(RecordingSink::ended, 5000));
        assertEquals(ErrorCode.CAMERA_UNREACHABLE, sink.failedCode);
        assertTrue(sink.failedMessage.contains("insecure_tls"), sink.failedMessage);
        source.close();

        RecordingSink trusting = new RecordingSink();
        source = sources.open(CameraConfig.builder("cam1").protocol("https").url(url).option("insecure_tls", "true")
                .build(), trusting);
        assertTrue(trusting.await(s -> s.packets().size() >= 1, 5000), trusting.events().toString());
        assertArrayEquals(A, trusting.packets().get(0).payload());
    }
}
