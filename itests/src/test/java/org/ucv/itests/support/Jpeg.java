package org.ucv.itests.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Reads what the tests need from a JPEG: the decoded picture and its quantization tables. */
public final class Jpeg {
    private static final int MARKER = 0xFF;
    private static final int SOI = 0xD8;
    private static final int SOS = 0xDA;
    private static final int DQT = 0xDB;

    private Jpeg() {
    }

    /** @return the decoded picture; fails when ImageIO cannot read it */
    public static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new AssertionError("ImageIO found no image in " + jpeg.length + " bytes");
            }
            return image;
        } catch (IOException e) {
            throw new AssertionError("JPEG of " + jpeg.length + " bytes does not decode", e);
        }
    }

    /**
     * @return every quantization table of the DQT segments before the scan, in file order, each as its
     *         64 values in zig-zag order
     */
    public static List<int[]> quantizationTables(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != MARKER || (jpeg[1] & 0xFF) != SOI) {
            throw new AssertionError("not a JPEG (no SOI marker)");
        }
        List<int[]> tables = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xFF) != MARKER) {
                throw new AssertionError("JPEG segment expected at offset " + at);
            }
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == MARKER) {
                at++;
                continue;
            }
            if (marker == SOS) {
                break;
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (marker == DQT) {
                readTables(jpeg, at + 4, at + 2 + length, tables);
            }
            at += 2 + length;
        }
        return tables;
    }

    private static void readTables(byte[] jpeg, int from, int to, List<int[]> tables) {
        int at = from;
        while (at < to) {
            boolean sixteenBit = (jpeg[at] & 0xF0) != 0;
            at++;
            int[] table = new int[64];
            for (int i = 0; i < 64; i++) {
                table[i] = sixteenBit ? ((jpeg[at] & 0xFF) << 8) | (jpeg[at + 1] & 0xFF) : jpeg[at] & 0xFF;
                at += sixteenBit ? 2 : 1;
            }
            tables.add(table);
        }
    }
}
