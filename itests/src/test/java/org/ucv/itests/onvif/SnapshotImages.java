package org.ucv.itests.onvif;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The double's snapshot pictures: a real baseline JPEG (ImageIO) of the profile's size, bars and a
 * box whose place depends on the snapshot's number, so two snapshots differ. No text: drawing
 * glyphs needs fonts that a headless test machine may not have.
 */
final class SnapshotImages {
    private SnapshotImages() {
    }

    static byte[] jpeg(int width, int height, int number) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            Color[] bars = {Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.RED, Color.BLUE};
            for (int i = 0; i < bars.length; i++) {
                g.setColor(bars[i]);
                g.fillRect(i * width / bars.length, 0, width / bars.length + 1, height);
            }
            int box = Math.max(8, height / 4);
            g.setColor(Color.BLACK);
            g.fillRect((number * box / 2) % Math.max(1, width - box), height - box - 4, box, box);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer in ImageIO");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
