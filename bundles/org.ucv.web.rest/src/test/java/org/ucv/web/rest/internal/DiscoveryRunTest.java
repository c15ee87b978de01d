package org.ucv.web.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ucv.api.spi.DiscoveryProvider;
import org.ucv.api.spi.DiscoveryProvider.DiscoveredCamera;

import com.fasterxml.jackson.databind.node.ObjectNode;

class DiscoveryRunTest {
    private final ExecutorService pool = new ThreadPoolExecutor(0, 3, 1, TimeUnit.SECONDS, new SynchronousQueue<>());
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    private static Plugins.Discovery named(String bundle, DiscoveryProvider p) {
        return new Plugins.Discovery(p, bundle, "1.0.0");
    }

    @Test
    void aHangingOrFailingProviderIsNamedAndTheOthersAnswer() throws Exception {
        DiscoveryProvider good = t -> List.of(new DiscoveredCamera("onvif", "http://10.0.0.5/onvif", "Door", null));
        DiscoveryProvider hangs = t -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        };
        DiscoveryProvider fails = t -> {
            throw new IllegalStateException("no multicast route");
        };
        long start = System.nanoTime();
        ObjectNode r = DiscoveryRun.run(List.of(named("good", good), named("hangs", hangs), named("fails", fails)),
                new DiscoveryRequest(Duration.ofMillis(100), null), pool);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, r.get("cameras").size(), r.toString());
        assertEquals(3, r.get("providers").asInt());
        String errors = r.get("errors").toString();
        assertTrue(errors.contains("hangs: no answer within 2100 ms"), errors);
        assertTrue(errors.contains("fails: java.lang.IllegalStateException: no multicast route"), errors);
        assertTrue(ms < 10_000, "bounded by the timeout and the grace: " + ms + " ms");
    }

    @Test
    void aFullPoolIsReportedNotQueued() throws Exception {
        DiscoveryProvider hangs = t -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        };
        for (int i = 0; i < 3; i++) {
            pool.submit(() -> hangs.discover(Duration.ZERO));
        }
        ObjectNode r = DiscoveryRun.run(List.of(named("third", t -> List.of())),
                new DiscoveryRequest(Duration.ofMillis(100), null), pool);
        assertEquals("[\"third: too many discoveries at once; try again\"]", r.get("errors").toString());
    }
}
