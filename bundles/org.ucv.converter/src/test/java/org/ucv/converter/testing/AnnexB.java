package org.ucv.converter.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an H.264 Annex B byte stream into access units, the way a camera source hands them over.
 * A new access unit starts at an access unit delimiter, at SPS/PPS/SEI after a picture's slices,
 * or at a slice with first_mb_in_slice == 0 after a picture's slices (ITU-T H.264 7.4.1.2.3).
 */
public final class AnnexB {
    public static final int NAL_IDR = 5;
    public static final int NAL_SEI = 6;
    public static final int NAL_SPS = 7;
    public static final int NAL_PPS = 8;
    public static final int NAL_AUD = 9;
    private static final byte[] START_CODE = {0, 0, 0, 1};

    private AnnexB() {
    }

    /** @return the NAL units of the stream, without start codes */
    public static List<byte[]> nalUnits(byte[] stream) {
        List<byte[]> units = new ArrayList<>();
        int start = nextStart(stream, 0);
        while (start >= 0) {
            int next = nextStart(stream, start);
            int end = next < 0 ? stream.length : next - 3;
            while (end > start && stream[end - 1] == 0) {
                end--; // trailing_zero_8bits, or the leading zero of a 4-byte start code
            }
            if (end > start) {
                byte[] unit = new byte[end - start];
                System.arraycopy(stream, start, unit, 0, unit.length);
                units.add(unit);
            }
            start = next;
        }
        return units;
    }

    /** @return the index just after the next 00 00 01 at or after {@code from}, or -1 */
    private static int nextStart(byte[] stream, int from) {
        for (int i = from; i + 2 < stream.length; i++) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
                return i + 3;
            }
        }
        return -1;
    }

    public static int type(byte[] nal) {
        return nal[0] & 0x1f;
    }

    private static boolean isSlice(int type) {
        return type >= 1 && type <= 5;
    }

    /** first_mb_in_slice is ue(v) right after the 1-byte header: the value 0 is the single bit 1 */
    private static boolean startsPicture(byte[] nal) {
        return nal.length > 1 && (nal[1] & 0x80) != 0;
    }

    /** @return the access units, each a list of NAL units in stream order */
    public static List<List<byte[]>> accessUnits(byte[] stream) {
        List<List<byte[]>> units = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        boolean hasSlice = false;
        for (byte[] nal : nalUnits(stream)) {
            int type = type(nal);
            boolean prefix = type == NAL_AUD || type == NAL_SPS || type == NAL_PPS || type == NAL_SEI
                    || (type >= 14 && type <= 18);
            boolean newPicture = isSlice(type) && startsPicture(nal);
            if (hasSlice && (prefix || newPicture)) {
                units.add(current);
                current = new ArrayList<>();
                hasSlice = false;
            }
            current.add(nal);
            hasSlice |= isSlice(type);
        }
        if (!current.isEmpty()) {
            units.add(current);
        }
        return units;
    }

    /** @return the NAL units as one Annex B byte array (4-byte start codes) */
    public static byte[] join(List<byte[]> nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] nal : nals) {
            out.writeBytes(START_CODE);
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }
}
