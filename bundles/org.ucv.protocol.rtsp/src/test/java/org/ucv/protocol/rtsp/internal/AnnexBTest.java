package org.ucv.protocol.rtsp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.Codec;

/** On extradata that x264 and x265 wrote into MP4 files (avcC, hvcC). */
class AnnexBTest {
    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AnnexBTest.class.getResourceAsStream("/extradata/" + name)) {
            return in.readAllBytes();
        }
    }

    /** @return the NAL unit header bytes after each 4-byte start code */
    private static List<Integer> headers(byte[] annexB) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + 4 < annexB.length; i++) {
            if (annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 0 && annexB[i + 3] == 1) {
                out.add(annexB[i + 4] & 0xff);
            }
        }
        return out;
    }

    @Test
    void avccBecomesSpsAndPpsInAnnexB() throws IOException {
        byte[] config = AnnexB.codecConfig(resource("x264-avcc.bin"), Codec.H264);
        assertEquals(List.of(0x67, 0x68), headers(config));
        // 20-byte SPS and 5-byte PPS from the avcC, each behind a 4-byte start code
        assertEquals(4 + 20 + 4 + 5, config.length);
    }

    @Test
    void hvccBecomesVpsSpsPpsInAnnexB() throws IOException {
        byte[] config = AnnexB.codecConfig(resource("x265-hvcc.bin"), Codec.H265);
        List<Integer> types = headers(config).stream().map(h -> (h >> 1) & 0x3f).toList();
        assertEquals(List.of(32, 33, 34, 39), types, "VPS, SPS, PPS, SEI");
    }

    @Test
    void annexBExtradataPassesUnchanged() {
        byte[] sdp = {0, 0, 0, 1, 0x67, 0x42, 0, 0x1e, 0, 0, 1, 0x68, (byte) 0xce, 0x3c, (byte) 0x80};
        assertArrayEquals(sdp, AnnexB.codecConfig(sdp, Codec.H264));
    }

    @Test
    void noOrBrokenExtradataGivesNull() throws IOException {
        assertNull(AnnexB.codecConfig(null, Codec.H264));
        assertNull(AnnexB.codecConfig(new byte[0], Codec.H264));
        assertNull(AnnexB.codecConfig(new byte[] {1, 2, 3, 4, 5}, Codec.MJPEG));
        byte[] truncated = Arrays.copyOf(resource("x264-avcc.bin"), 20);
        assertNull(AnnexB.codecConfig(truncated, Codec.H264));
    }

    @Test
    void keyframesAreFoundByNalType() {
        byte[] idr = {0, 0, 0, 1, 0x09, (byte) 0xf0, 0, 0, 1, 0x65, (byte) 0x88, 0};
        byte[] nonIdr = {0, 0, 0, 1, 0x09, (byte) 0xf0, 0, 0, 1, 0x41, (byte) 0x9a, 0};
        assertTrue(AnnexB.containsKeyframe(idr, Codec.H264));
        assertFalse(AnnexB.containsKeyframe(nonIdr, Codec.H264));
        byte[] idrWRadl = {0, 0, 0, 1, 0x26, 0x01, (byte) 0xaf, 0};
        byte[] trail = {0, 0, 0, 1, 0x02, 0x01, (byte) 0xd0, 0};
        assertTrue(AnnexB.containsKeyframe(idrWRadl, Codec.H265));
        assertFalse(AnnexB.containsKeyframe(trail, Codec.H265));
        assertTrue(AnnexB.containsKeyframe(new byte[] {(byte) 0xff, (byte) 0xd8}, Codec.MJPEG));
    }
}
