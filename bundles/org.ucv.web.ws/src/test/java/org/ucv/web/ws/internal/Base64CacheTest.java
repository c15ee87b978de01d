package org.ucv.web.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class Base64CacheTest {
    private final Base64Cache cache = new Base64Cache();

    @Test
    void theSameImageIsEncodedOnce() {
        byte[] image = image(1);
        String first = cache.encode(image);
        assertEquals(Base64.getEncoder().encodeToString(image), first);
        for (int i = 0; i < 10; i++) {
            assertSame(first, cache.encode(image));
        }
        assertEquals(1, cache.encodings());
    }

    @Test
    void imagesAreTheirArraysNotTheirContents() {
        cache.encode(image(1));
        cache.encode(image(1));
        assertEquals(2, cache.encodings());
    }

    @Test
    void onlyTheLastFewImagesAreKept() {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i <= Base64Cache.ENTRIES; i++) {
            images.add(image(i));
            cache.encode(images.get(i));
        }
        cache.encode(images.get(Base64Cache.ENTRIES));
        assertEquals(Base64Cache.ENTRIES + 1, cache.encodings(), "the newest is still cached");
        cache.encode(images.get(0));
        assertEquals(Base64Cache.ENTRIES + 2, cache.encodings(), "the oldest was dropped");
    }

    @Test
    void threadsSharingTheCacheGetEachImagesOwnText() throws Exception {
        List<byte[]> images = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3 * Base64Cache.ENTRIES; i++) {
            images.add(image(i));
            expected.add(Base64.getEncoder().encodeToString(images.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                wrong.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int n = 0; n < 2_000; n++) {
                        int i = (n + offset) % images.size();
                        if (!expected.get(i).equals(cache.encode(images.get(i)))) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> f : wrong) {
                assertEquals(0, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A distinct array per call; its contents tell the images apart. */
    private static byte[] image(int n) {
        byte[] b = new byte[64 + n];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + n);
        }
        return b;
    }
}
