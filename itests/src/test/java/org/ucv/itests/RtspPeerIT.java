package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ucv.testing.RtspPeer;

/**
 * The RTSP test peer is faithful: the reference client (ffprobe) sees each codec, plays the
 * protected mounts with the right password (one with every reserved character) and gets 401 with
 * a wrong one; the peer's event lines count connections and DESCRIBEs; a restart reuses the port.
 */
class RtspPeerIT {
    static final String USER = "ad@m";
    static final String PASSWORD = "p@ss:w/rd#%1";
    private static RtspPeer peer;

    @BeforeAll
    static void startPeer() {
        peer = RtspPeer.start(RtspPeer.freePort(),
                "/h264=h264:320x240@10", "/h265=h265:320x240@10", "/mjpeg=mjpeg:320x240@10",
                "/basic=h264:320x240@10:basic:" + USER + ":" + PASSWORD,
                "/digest=h264:320x240@10:digest:" + USER + ":" + PASSWORD);
    }

    @AfterAll
    static void stopPeer() {
        if (peer != null) {
            long pid = peer.pid();
            peer.stop();
            assertFalse(ProcessHandle.of(pid).isPresent(), "peer pid " + pid + " still present");
        }
    }

    @Test
    void eachCodecMountPlays() throws Exception {
        assertEquals("h264,320,240", probe(peer.url("/h264"), "tcp").result);
        assertEquals("hevc,320,240", probe(peer.url("/h265"), "tcp").result);
        assertEquals("mjpeg,320,240", probe(peer.url("/mjpeg"), "tcp").result);
        assertEquals("h264,320,240", probe(peer.url("/h264"), "udp").result);
    }

    @Test
    void protectedMountsWantTheRightPassword() throws Exception {
        for (String mount : List.of("/basic", "/digest")) {
            int mark = peer.mark();
            assertEquals("h264,320,240", probe(peer.url(mount, USER, PASSWORD), "tcp").result, mount);
            Probe wrong = probe(peer.url(mount, USER, "wrong"), "tcp");
            assertEquals("", wrong.result, mount);
            assertTrue(wrong.errors.contains("401"), mount + ": " + wrong.errors);
            assertTrue(peer.count("UNAUTHORIZED " + mount, mark) >= 2, peer.events().toString());
            assertEquals(2, peer.clients(mark), peer.events().toString());
            assertTrue(peer.describes(mount, mark) >= 3, peer.events().toString());
        }
    }

    @Test
    void restartServesOnTheSamePort() throws Exception {
        long before = peer.pid();
        peer.restart();
        assertTrue(before != peer.pid(), "a new process");
        assertEquals("h264,320,240", probe(peer.url("/h264"), "tcp").result);
    }

    private record Probe(String result, String errors) {
    }

    private static Probe probe(String url, String transport) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-rtsp_transport", transport, "-timeout", "5000000",
                "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", url).start();
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("ffprobe did not finish within 20 s");
        }
        return new Probe(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
