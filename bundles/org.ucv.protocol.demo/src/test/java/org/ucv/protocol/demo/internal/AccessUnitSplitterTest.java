package org.ucv.protocol.demo.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ucv.protocol.demo.internal.AnnexBReaderTest.bytes;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucv.protocol.demo.internal.AccessUnitSplitter.AccessUnit;
import org.ucv.protocol.demo.internal.AnnexBReader.Nal;

class AccessUnitSplitterTest {
    private static final byte[] SPS = bytes(0x67, 0x42, 0xC0, 0x16);
    private static final byte[] PPS = bytes(0x68, 0xCB, 0x81);
    private static final byte[] AUD = bytes(0x09, 0xF0);

    private static byte[] annexB(byte[]... nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            out.writeBytes(bytes(0, 0, 0, 1));
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    private static List<Integer> types(byte[] payload) {
        return AnnexBReader.split(payload).stream().map(Nal::type).toList();
    }

    @Test
    void groupsSlicesIntoPicturesAndMarksKeyframes() {
        byte[] idrTop = bytes(0x65, 0x88, 0x01);
        byte[] idrBottom = bytes(0x65, 0x30, 0x02); // first_mb_in_slice 5: same picture
        byte[] p1 = bytes(0x41, 0x9A, 0x03);
        byte[] p2 = bytes(0x41, 0x9A, 0x04);
        List<AccessUnit> aus = AccessUnitSplitter.split(AnnexBReader.split(annexB(SPS, PPS, idrTop, idrBottom, p1, p2)));

        assertEquals(3, aus.size());
        assertTrue(aus.get(0).keyframe());
        assertArrayEquals(annexB(SPS, PPS, idrTop, idrBottom), aus.get(0).payload());
        assertArrayEquals(annexB(SPS, PPS), aus.get(0).codecConfig());
        assertFalse(aus.get(1).keyframe());
        assertArrayEquals(annexB(p1), aus.get(1).payload());
        assertNull(aus.get(1).codecConfig());
        assertArrayEquals(annexB(p2), aus.get(2).payload());
    }

    @Test
    void anAudOrSeiAfterSlicesStartsTheNextPicture() {
        byte[] sei = bytes(0x06, 0x05, 0x01, 0xAA, 0x80);
        byte[] slice = bytes(0x41, 0xC0, 0x05);
        byte[] sliceB = bytes(0x41, 0x40, 0x05); // first_mb_in_slice 1: only the AUD or SEI splits
        List<AccessUnit> aus = AccessUnitSplitter.split(AnnexBReader.split(
                annexB(AUD, slice, AUD, sliceB, sei, sliceB)));
        assertEquals(3, aus.size());
        assertEquals(List.of(9, 1), types(aus.get(0).payload()));
        assertEquals(List.of(9, 1), types(aus.get(1).payload()));
        assertEquals(List.of(6, 1), types(aus.get(2).payload()));
    }

    @Test
    void aLaterIdrCarriesTheParameterSetsAfterItsAud() {
        byte[] idr = bytes(0x65, 0x88, 0x01);
        byte[] p = bytes(0x41, 0x9A, 0x03);
        List<AccessUnit> aus = AccessUnitSplitter.split(AnnexBReader.split(
                annexB(AUD, SPS, PPS, idr, AUD, p, AUD, idr)));
        assertEquals(3, aus.size());
        assertArrayEquals(annexB(AUD, SPS, PPS, idr), aus.get(2).payload());
        assertArrayEquals(annexB(SPS, PPS), aus.get(2).codecConfig());
    }

    @Test
    void nalsWithoutAPictureAreLeftOut() {
        assertTrue(AccessUnitSplitter.split(AnnexBReader.split(annexB(SPS, PPS))).isEmpty());
        assertEquals(1, AccessUnitSplitter.split(AnnexBReader.split(annexB(SPS, PPS, bytes(0x65, 0x88), SPS))).size());
    }

    @Test
    void theRealClipHas150PicturesAndAKeyframeEverySecond() throws Exception {
        List<AccessUnit> aus = DemoClip.load();
        assertEquals(150, aus.size());
        assertEquals(10, aus.stream().filter(AccessUnit::keyframe).count());

        List<Integer> first = types(aus.get(0).payload());
        assertTrue(first.indexOf(7) >= 0 && first.indexOf(7) < first.indexOf(8) && first.indexOf(8) < first.indexOf(5),
                "SPS, PPS, then IDR: " + first);
        byte[] config = aus.get(0).codecConfig();
        assertNotNull(config);
        assertEquals(List.of(7, 8), types(config));

        for (int i = 0; i < aus.size(); i++) {
            AccessUnit au = aus.get(i);
            List<Integer> t = types(au.payload());
            assertEquals(i % 15 == 0, au.keyframe(), "picture " + i);
            assertEquals(i % 15 == 0, t.contains(5), "picture " + i);
            if (au.keyframe()) {
                assertTrue(t.contains(7) && t.contains(8), "keyframe " + i + " carries SPS and PPS: " + t);
                assertArrayEquals(config, au.codecConfig(), "keyframe " + i);
            } else {
                assertNull(au.codecConfig(), "picture " + i);
                assertEquals(List.of(1), t, "picture " + i);
            }
        }
    }
}
