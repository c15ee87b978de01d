package org.ucv.core.internal;

/**
 * The stream service's configuration.
 *
 * @param lingerMs how long a camera stays connected after its last viewer left
 * @param maxViewers the most viewers over all cameras
 * @param packetQueue the most packets waiting for a session's worker
 */
public record Settings(long lingerMs, int maxViewers, int packetQueue) {
    public Settings {
        if (lingerMs < 0) {
            throw new IllegalArgumentException("linger_ms must be 0 or more, was " + lingerMs);
        }
        if (maxViewers < 1) {
            throw new IllegalArgumentException("max_viewers must be at least 1, was " + maxViewers);
        }
        if (packetQueue < 1) {
            throw new IllegalArgumentException("packet_queue must be at least 1, was " + packetQueue);
        }
    }
}
