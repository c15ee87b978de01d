package org.ucv.itests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.time.Duration;

import org.ucv.itests.support.WsClient.Message;

/**
 * Whether a camera's picture moves: the test peers draw a clock and a moving ball, so two frames
 * of a live stream differ where a frozen or replayed picture would not.
 */
public final class Pictures {
    private Pictures() {
    }

    /**
     * Waits for two decodable pictures of the given size that differ.
     *
     * @param ws a socket whose stream has started
     * @param id the camera, for the failure messages
     * @param width the picture width expected
     * @param height the picture height expected
     * @param minDiffering how many pixels must differ clearly (the peers' pictures differ in how much moves)
     * @param firstFrame how long the first frame may take (the camera connects)
     * @param next how long the differing one may take after it
     */
    public static void assertChange(WsClient ws, String id, int width, int height, int minDiffering,
                                    Duration firstFrame, Duration next) {
        Message first = ws.await("a frame from " + id, firstFrame, Message::isFrame);
        BufferedImage a = Jpeg.decode(first.jpeg());
        assertEquals(width, a.getWidth());
        assertEquals(height, a.getHeight());
        ws.await("a different picture from " + id, next,
                m -> m.isFrame() && differingPixels(a, Jpeg.decode(m.jpeg())) > minDiffering);
    }

    /** @return how many pixels of the common area differ by more than a JPEG's noise (sum of RGB deltas > 60) */
    public static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                int d = Math.abs((p >> 16 & 0xff) - (q >> 16 & 0xff)) + Math.abs((p >> 8 & 0xff) - (q >> 8 & 0xff))
                        + Math.abs((p & 0xff) - (q & 0xff));
                if (d > 60) {
                    n++;
                }
            }
        }
        return n;
    }
}
