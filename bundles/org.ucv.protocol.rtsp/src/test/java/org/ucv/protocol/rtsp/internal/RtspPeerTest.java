package org.ucv.protocol.rtsp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ConnectionTester.ConnectionTestResult;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.SourceException;
import org.ucv.converter.FfmpegFrameConverter;
import org.ucv.testing.RtspPeer;

/** The factory's connection test, snapshot and demuxing against a real RTSP server (GStreamer). */
class RtspPeerTest {
    private static final String USER = "ad@m";
    private static final String PASSWORD = "Pw@rd:/#%x7";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static RtspPeer peer;
    private static RtspStreamSourceFactory factory;

    @BeforeAll
    static void start() throws Exception {
        peer = RtspPeer.start(RtspPeer.freePort(), "/h264=h264:320x240@10", "/h265=h265:320x240@10", "/mjpeg=mjpeg:320x240@10",
                "/vp8=vp8:320x240@10",
                "/basic=h264:320x240@10:basic:" + USER + ":" + PASSWORD,
                "/digest=h264:320x240@10:digest:" + USER + ":" + PASSWORD);
        factory = new RtspStreamSourceFactory();
        factory.activate(RtspSourceTest.defaultConfig());
        FfmpegFrameConverter converter = new FfmpegFrameConverter();
        converter.activate();
        factory.converter = converter;
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
    }

    private static CameraConfig camera(String mount) {
        return CameraConfig.builder("peer-cam").protocol("rtsp").url(peer.url(mount)).build();
    }

    private static CameraConfig withPassword(String mount, String password) {
        return CameraConfig.builder("peer-cam").protocol("rtsp").host("127.0.0.1").port(peer.port()).path(mount)
                .username(USER).password(password).build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/h264, H264", "/h265, H265", "/mjpeg, MJPEG"})
    void connectionTestNamesCodecSizeAndTime(String mount, Codec codec) throws Exception {
        ConnectionTestResult result = factory.test(camera(mount), TIMEOUT);
        assertEquals(codec, result.codec());
        assertTrue(result.detail().contains("320x240"), result.detail());
        assertTrue(result.elapsed().compareTo(Duration.ZERO) > 0 && result.elapsed().compareTo(TIMEOUT) < 0, result.toString());
    }

    @Test
    void udpTransportWorks() throws Exception {
        CameraConfig udp = camera("/h264").toBuilder().transport("udp").build();
        assertTrue(factory.test(udp, TIMEOUT).detail().endsWith("over UDP"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/h264, H264, '103,104'", "/h265, H265, '32,33,34'"})
    void keyframesCarryTheParameterSetsAsAnnexB(String mount, Codec codec, String types) throws Exception {
        try (RtspConnection c = RtspConnection.open(camera(mount), peer.url(mount), factory.settingsFor(camera(mount)),
                () -> false).orElseThrow()) {
            MediaPacket key = c.read(TIMEOUT);
            while (!key.keyframe()) {
                key = c.read(TIMEOUT);
            }
            assertEquals(codec, key.codec());
            assertEquals(0, key.payload()[0]);
            assertEquals(0, key.payload()[1]);
            byte[] config = key.codecConfig();
            assertNotNull(config, "parameter sets on the keyframe");
            List<Integer> headers = new ArrayList<>();
            for (int i = 0; i + 4 < config.length; i++) {
                if (config[i] == 0 && config[i + 1] == 0 && config[i + 2] == 0 && config[i + 3] == 1) {
                    headers.add(config[i + 4] & 0xff);
                }
            }
            List<Integer> nalTypes = headers.stream().map(h -> codec == Codec.H264 ? h : (h >> 1) & 0x3f).toList();
            for (String t : types.split(",")) {
                int type = Integer.parseInt(t.trim());
                assertTrue(nalTypes.contains(type), "NAL " + type + " in " + nalTypes);
            }
            MediaPacket next = c.read(TIMEOUT);
            assertTrue(next.ptsMicros() > key.ptsMicros(), "pts grows: " + key + " then " + next);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/h264", "/h265", "/mjpeg"})
    void snapshotIsAJpegOfTheStream(String mount) throws Exception {
        byte[] jpeg = factory.snapshot(camera(mount), TIMEOUT);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertNotNull(image, "a decodable JPEG");
        assertEquals(320, image.getWidth());
        assertEquals(240, image.getHeight());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/basic", "/digest"})
    void authenticationWithReservedCharacters(String mount) throws Exception {
        assertEquals(Codec.H264, factory.test(withPassword(mount, PASSWORD), TIMEOUT).codec());
        SourceException wrong = assertThrows(SourceException.class,
                () -> factory.test(withPassword(mount, "Wr0ng@:/#%q"), TIMEOUT));
        assertEquals(ErrorCode.AUTH_FAILED, wrong.code(), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("Wr0ng"), wrong.getMessage());
        SourceException none = assertThrows(SourceException.class, () -> factory.test(camera(mount), TIMEOUT));
        assertEquals(ErrorCode.AUTH_FAILED, none.code());
    }

    @Test
    void unknownPathIsStreamNotFoundAndVp8IsUnsupported() {
        assertEquals(ErrorCode.STREAM_NOT_FOUND,
                assertThrows(SourceException.class, () -> factory.test(camera("/nope"), TIMEOUT)).code());
        SourceException vp8 = assertThrows(SourceException.class, () -> factory.test(camera("/vp8"), TIMEOUT));
        assertEquals(ErrorCode.UNSUPPORTED_CODEC, vp8.code());
        assertTrue(vp8.getMessage().contains("vp8"), vp8.getMessage());
    }

    @Test
    void openCloseCyclesLeaveNoThreadAndNoSession() throws Exception {
        int before = peer.count("CLIENT");
        for (int i = 0; i < 15; i++) {
            RtspSourceTest.RecordingSink sink = new RtspSourceTest.RecordingSink();
            var source = factory.open(camera("/h264"), sink);
            if (i % 3 == 0) {
                long end = System.nanoTime() + TIMEOUT.toNanos();
                while (!sink.calls().contains("streaming") && System.nanoTime() < end) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                assertTrue(sink.calls().contains("streaming"), "cycle " + i + ": " + sink.calls());
            }
            source.close();
            assertFalse(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("ucv-rtsp-peer-cam") && t.isAlive()), "cycle " + i);
        }
        int clients = peer.count("CLIENT") - before;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (closedSince(before) < clients && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertEquals(clients, closedSince(before), "every RTSP connection closed: " + peer.events());
    }

    /** CLOSED lines of connections numbered after {@code before}. */
    private static int closedSince(int before) {
        return (int) peer.events().stream().filter(e -> e.startsWith("CLOSED "))
                .filter(e -> Integer.parseInt(e.substring(7).trim()) > before).count();
    }
}
