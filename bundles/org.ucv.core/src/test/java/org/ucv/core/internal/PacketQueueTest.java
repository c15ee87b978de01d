package org.ucv.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.MediaPacket;

class PacketQueueTest {
    private static MediaPacket packet(int n) {
        return new MediaPacket(Codec.H264, new byte[] {(byte) n}, n, n, n == 0, null);
    }

    @Test
    void aFullQueueDropsAndMarksTheGap() throws Exception {
        PacketQueue q = new PacketQueue(3);
        for (int i = 0; i < 3; i++) {
            assertTrue(q.offer(1, packet(i)));
        }
        assertFalse(q.offer(1, packet(3)));
        assertFalse(q.offer(1, packet(4)));

        assertFalse(q.take().afterGap());
        assertTrue(q.offer(1, packet(5)));
        assertFalse(q.take().afterGap());
        assertFalse(q.take().afterGap());
        PacketQueue.Item afterDrop = q.take();
        assertEquals(5, afterDrop.packet().ptsMicros());
        assertTrue(afterDrop.afterGap(), "the worker must wait for a keyframe");
        assertTrue(q.offer(1, packet(6)));
        assertFalse(q.take().afterGap(), "one mark per gap");
    }

    @Test
    void closeWakesTheTakerAndRefusesMore() throws Exception {
        PacketQueue q = new PacketQueue(2);
        PacketQueue.Item[] got = new PacketQueue.Item[] {new PacketQueue.Item(0, packet(0), false)};
        Thread taker = new Thread(() -> {
            try {
                got[0] = q.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-take");
        taker.start();
        q.close();
        taker.join(5_000);
        assertFalse(taker.isAlive());
        assertNull(got[0]);
        assertFalse(q.offer(1, packet(1)));
    }
}
