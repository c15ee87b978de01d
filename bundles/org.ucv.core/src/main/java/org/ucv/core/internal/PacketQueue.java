package org.ucv.core.internal;

import java.util.ArrayDeque;

import org.ucv.api.spi.MediaPacket;

/**
 * The bounded hand-over from a source's thread to the session's worker. A full queue drops the
 * incoming packet (the source must never block); the next packet that gets in carries
 * {@link Item#afterGap()} so the worker skips to the next keyframe instead of decoding a broken
 * reference chain.
 */
final class PacketQueue {
    /**
     * @param generation the source generation that pushed the packet
     * @param packet the packet
     * @param afterGap true when packets were dropped just before this one
     */
    record Item(int generation, MediaPacket packet, boolean afterGap) {
    }

    private final int capacity;
    private final ArrayDeque<Item> items;
    private boolean gap;
    private boolean closed;

    PacketQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("packet_queue must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    /** @return false when the packet was dropped (queue full or closed) */
    synchronized boolean offer(int generation, MediaPacket packet) {
        if (closed) {
            return false;
        }
        if (items.size() >= capacity) {
            gap = true;
            return false;
        }
        items.add(new Item(generation, packet, gap));
        gap = false;
        notifyAll();
        return true;
    }

    /**
     * @return the next item, or null once the queue is closed
     * @throws InterruptedException when interrupted while waiting
     */
    synchronized Item take() throws InterruptedException {
        while (items.isEmpty() && !closed) {
            wait();
        }
        return closed ? null : items.poll();
    }

    /** Wakes the worker and drops what is queued. */
    synchronized void close() {
        closed = true;
        items.clear();
        notifyAll();
    }
}
