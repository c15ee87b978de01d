package org.ucv.core.internal;

import java.time.Instant;

/** Wall-clock microseconds, the unit of every latency timestamp (capture, encoded, sent). */
final class EpochMicros {
    private EpochMicros() {
    }

    static long now() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
