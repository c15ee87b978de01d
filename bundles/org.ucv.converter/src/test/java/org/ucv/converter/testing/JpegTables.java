package org.ucv.converter.testing;

import java.util.ArrayList;
import java.util.List;

/** Reads the quantization tables (DQT segments) of a baseline JPEG. */
public final class JpegTables {
    private JpegTables() {
    }

    /** @return every table in file order, 64 values each in zig-zag order */
    public static List<int[]> of(byte[] jpeg) {
        if ((jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            throw new IllegalArgumentException("not a JPEG: no SOI");
        }
        List<int[]> tables = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xff) != 0xff) {
                throw new IllegalArgumentException("no marker at " + at);
            }
            int marker = jpeg[at + 1] & 0xff;
            if (marker == 0xda) {
                break; // scan data follows: no tables after it in a baseline JPEG
            }
            int length = ((jpeg[at + 2] & 0xff) << 8) | (jpeg[at + 3] & 0xff);
            if (marker == 0xdb) {
                int p = at + 4;
                while (p < at + 2 + length) {
                    boolean sixteenBit = (jpeg[p] >> 4) != 0;
                    p++;
                    int[] table = new int[64];
                    for (int i = 0; i < 64; i++) {
                        table[i] = sixteenBit ? ((jpeg[p] & 0xff) << 8) | (jpeg[p + 1] & 0xff) : jpeg[p] & 0xff;
                        p += sixteenBit ? 2 : 1;
                    }
                    tables.add(table);
                }
            }
            at += 2 + length;
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no DQT segment");
        }
        return tables;
    }
}
