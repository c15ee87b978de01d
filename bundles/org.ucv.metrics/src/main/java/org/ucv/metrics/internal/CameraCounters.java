package org.ucv.metrics.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.ucv.api.metrics.CameraTotals;

/**
 * One camera's counters across all its sessions: a session's meter closes a linger after its
 * last viewer leaves, but Prometheus counters may only go back to zero when the process restarts.
 * Every meter of the camera counts here as well as in its own figures.
 */
final class CameraCounters {
    final String cameraId;
    final LongAdder received = new LongAdder();
    final LongAdder corrupt = new LongAdder();
    final LongAdder decoded = new LongAdder();
    final LongAdder encoded = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LatencyHistogram latency = new LatencyHistogram();
    /** Stream meters of this camera open now; a camera with none may be forgotten when the table is full. */
    final AtomicInteger openMeters = new AtomicInteger();

    CameraCounters(String cameraId) {
        this.cameraId = cameraId;
    }

    CameraTotals totals(double inputFps, int viewers) {
        return new CameraTotals(cameraId, inputFps, viewers, received.sum(), corrupt.sum(), decoded.sum(),
                encoded.sum(), sent.sum(), dropped.sum(), bytesSent.sum(), reconnects.sum(), latency.snapshot());
    }
}
