package org.ucv.web.ws.internal;

import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The base64 text of the last few images, shared by every socket of the endpoint. All viewers of
 * one rendition receive the same {@code VideoFrame}, and the camera's thread hands it to them one
 * after the other: encoding it once instead of once per viewer keeps that thread's cost per viewer
 * down to a copy. Images are never modified (the API's contract), so the array's identity is the
 * key. Thread-safe.
 */
public final class Base64Cache {
    /**
     * Room for the frames of several cameras handed out at the same moment; each entry holds an
     * image and its text, so this also bounds what the cache keeps alive.
     */
    static final int ENTRIES = 8;

    private final byte[][] images = new byte[ENTRIES][];
    private final String[] texts = new String[ENTRIES];
    private int next;
    private final AtomicLong encodings = new AtomicLong();

    /**
     * @param image an image that is never modified
     * @return its standard base64 text with padding; the same instance for the same array while cached
     */
    public String encode(byte[] image) {
        String cached = lookup(image);
        if (cached != null) {
            return cached;
        }
        // Outside the lock: other cameras' threads must not wait for this image's encoding.
        String text = Base64.getEncoder().encodeToString(image);
        encodings.incrementAndGet();
        synchronized (this) {
            String raced = find(image);
            if (raced != null) {
                return raced;
            }
            images[next] = image;
            texts[next] = text;
            next = (next + 1) % ENTRIES;
        }
        return text;
    }

    /** @return how many images were encoded (cache misses), to check that viewers share the work */
    long encodings() {
        return encodings.get();
    }

    private synchronized String lookup(byte[] image) {
        return find(image);
    }

    private String find(byte[] image) {
        for (int i = 0; i < ENTRIES; i++) {
            if (images[i] == image) {
                return texts[i];
            }
        }
        return null;
    }
}
