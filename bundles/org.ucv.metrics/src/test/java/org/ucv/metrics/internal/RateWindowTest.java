package org.ucv.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateWindowTest {
    @Test
    void sumsTheCurrentSecondAndTheFullSecondsBeforeIt() {
        RateWindow w = new RateWindow();
        for (long s = 0; s < 10; s++) {
            w.add(s, s + 1);
        }
        // seconds 5..9 hold 6+7+8+9+10
        assertEquals(40, w.sum(9));
        // at second 11, seconds 7..11 remain and 10, 11 are empty
        assertEquals(8 + 9 + 10, w.sum(11));
        assertEquals(0, w.sum(20));
    }

    @Test
    void addsWithinOneSecondAccumulate() {
        RateWindow w = new RateWindow();
        for (int i = 0; i < 15; i++) {
            w.add(3, 1);
        }
        assertEquals(15, w.sum(3));
        assertEquals(15, w.sum(7));
        assertEquals(0, w.sum(8));
    }

    @Test
    void anAddForASecondTheRingHasLeftIsIgnored() {
        RateWindow w = new RateWindow();
        w.add(10, 5);
        w.add(5, 100); // same slot as second 10, older
        assertEquals(5, w.sum(10));
    }

    @Test
    void aBucketSaturatesInsteadOfWrapping() {
        RateWindow w = new RateWindow();
        w.add(0, 0xFFFF_FFF0L);
        w.add(0, 0x100L);
        assertEquals(0xFFFF_FFFFL, w.sum(0));
    }

    @Test
    void concurrentAddsAreAllCounted() throws InterruptedException {
        RateWindow w = new RateWindow();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    w.add(2, 1);
                }
            }, "ucv-test-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(400_000, w.sum(2));
    }
}
