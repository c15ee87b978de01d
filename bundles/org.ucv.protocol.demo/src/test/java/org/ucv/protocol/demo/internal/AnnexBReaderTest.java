package org.ucv.protocol.demo.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucv.protocol.demo.internal.AnnexBReader.Nal;

class AnnexBReaderTest {
    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void splitsAtThreeAndFourByteStartCodes() {
        List<Nal> nals = AnnexBReader.split(bytes(
                0, 0, 0, 1, 0x67, 0xAA, 0xBB,
                0, 0, 1, 0x68, 0xCC,
                0, 0, 0, 1, 0x65, 0x88, 0x84));
        assertEquals(3, nals.size());
        assertArrayEquals(bytes(0x67, 0xAA, 0xBB), nals.get(0).bytes());
        assertArrayEquals(bytes(0x68, 0xCC), nals.get(1).bytes());
        assertArrayEquals(bytes(0x65, 0x88, 0x84), nals.get(2).bytes());
        assertEquals(List.of(7, 8, 5), nals.stream().map(Nal::type).toList());
    }

    @Test
    void trailingZerosAndLeadingBytesAreNotPartOfANal() {
        List<Nal> nals = AnnexBReader.split(bytes(
                0xFF, 0x00,
                0, 0, 1, 0x65, 0x88, 0x80, 0, 0, 0, 0,
                0, 0, 0, 1, 0x41, 0x9A, 0, 0));
        assertEquals(2, nals.size());
        assertArrayEquals(bytes(0x65, 0x88, 0x80), nals.get(0).bytes());
        assertArrayEquals(bytes(0x41, 0x9A), nals.get(1).bytes());
    }

    @Test
    void emulationPreventionIsKeptInThePayload() {
        List<Nal> nals = AnnexBReader.split(bytes(0, 0, 1, 0x41, 0, 0, 3, 1, 0x80));
        assertArrayEquals(bytes(0x41, 0, 0, 3, 1, 0x80), nals.get(0).bytes());
    }

    @Test
    void emptyNalsAndStreamsWithoutStartCodeGiveNothing() {
        assertTrue(AnnexBReader.split(bytes(0x67, 0x42, 0, 0)).isEmpty());
        assertTrue(AnnexBReader.split(bytes()).isEmpty());
        assertEquals(1, AnnexBReader.split(bytes(0, 0, 1, 0, 0, 0, 1, 0x09, 0xF0)).size());
    }

    @Test
    void readsFirstMbInSlice() {
        assertEquals(0, AnnexBReader.firstMbInSlice(new Nal(bytes(0x65, 0x88))));
        assertEquals(1, AnnexBReader.firstMbInSlice(new Nal(bytes(0x41, 0x40))));
        assertEquals(2, AnnexBReader.firstMbInSlice(new Nal(bytes(0x41, 0x60))));
        assertEquals(5, AnnexBReader.firstMbInSlice(new Nal(bytes(0x65, 0x30))));
        // 16 leading zeros, then 1, then 0000000000000101: 2^16 - 1 + 5; the 03 is emulation prevention
        assertEquals(65540, AnnexBReader.firstMbInSlice(new Nal(bytes(0x41, 0, 0, 3, 0x80, 0x02, 0x80))));
        assertEquals(-1, AnnexBReader.firstMbInSlice(new Nal(bytes(0x41, 0, 0))));
        assertEquals(-1, AnnexBReader.firstMbInSlice(new Nal(bytes(0x41))));
    }
}
