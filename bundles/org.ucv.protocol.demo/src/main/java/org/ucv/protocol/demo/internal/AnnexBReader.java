package org.ucv.protocol.demo.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits an H.264 Annex B byte stream into NAL units at its 3- and 4-byte start codes. */
final class AnnexBReader {
    static final int NAL_SLICE = 1;
    static final int NAL_IDR = 5;
    static final int NAL_SEI = 6;
    static final int NAL_SPS = 7;
    static final int NAL_PPS = 8;
    static final int NAL_AUD = 9;

    private AnnexBReader() {
    }

    /**
     * One NAL unit without its start code.
     *
     * @param bytes header byte first, emulation prevention bytes kept
     */
    record Nal(byte[] bytes) {
        int type() {
            return bytes[0] & 0x1f;
        }

        boolean vcl() {
            return type() >= NAL_SLICE && type() <= NAL_IDR;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Nal n && Arrays.equals(bytes, n.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Nal[type=" + type() + ", " + bytes.length + " bytes]";
        }
    }

    /**
     * @param stream an Annex B byte stream
     * @return its NAL units in order; bytes before the first start code are skipped, and zero
     *         bytes before a start code (the leading zero of a 4-byte code, trailing_zero_8bits)
     *         are not part of the NAL unit before it
     */
    static List<Nal> split(byte[] stream) {
        List<Nal> nals = new ArrayList<>();
        int start = nextStartCode(stream, 0);
        while (start >= 0) {
            int payload = start + 3;
            int next = nextStartCode(stream, payload);
            int end = next < 0 ? stream.length : next;
            while (end > payload && stream[end - 1] == 0) {
                end--;
            }
            if (end > payload) {
                nals.add(new Nal(Arrays.copyOfRange(stream, payload, end)));
            }
            start = next;
        }
        return nals;
    }

    /** @return the index of the next {@code 00 00 01} at or after {@code from}, or -1 */
    private static int nextStartCode(byte[] b, int from) {
        for (int i = from; i + 2 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads first_mb_in_slice, the first ue(v) of a slice header, skipping emulation prevention
     * bytes ({@code 00 00 03}).
     *
     * @param slice a VCL NAL unit
     * @return first_mb_in_slice, or -1 when the header is cut short
     */
    static long firstMbInSlice(Nal slice) {
        BitReader r = new BitReader(slice.bytes(), 1);
        int leadingZeros = 0;
        while (true) {
            int bit = r.bit();
            if (bit < 0 || leadingZeros > 31) {
                return -1;
            }
            if (bit == 1) {
                break;
            }
            leadingZeros++;
        }
        long suffix = 0;
        for (int i = 0; i < leadingZeros; i++) {
            int bit = r.bit();
            if (bit < 0) {
                return -1;
            }
            suffix = (suffix << 1) | bit;
        }
        return (1L << leadingZeros) - 1 + suffix;
    }

    /** Reads the RBSP bits of a NAL unit from a byte offset, dropping emulation prevention bytes. */
    private static final class BitReader {
        private final byte[] b;
        private int pos;
        private int bitInByte = 8;
        private int current;
        private int zeros;

        BitReader(byte[] b, int offset) {
            this.b = b;
            this.pos = offset;
        }

        /** @return the next bit, or -1 at the end */
        int bit() {
            if (bitInByte == 8) {
                if (pos < b.length && zeros >= 2 && b[pos] == 3) {
                    pos++;
                    zeros = 0;
                }
                if (pos >= b.length) {
                    return -1;
                }
                current = b[pos++] & 0xff;
                zeros = current == 0 ? zeros + 1 : 0;
                bitInByte = 0;
            }
            return (current >> (7 - bitInByte++)) & 1;
        }
    }
}
