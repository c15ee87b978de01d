package org.ucv.protocol.http.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;

/** Records every call; flags any call made after the test said the source was closed. */
final class RecordingSink implements MediaSink {
    private final List<String> events = new ArrayList<>();
    private final List<MediaPacket> packets = new ArrayList<>();
    private volatile boolean sourceClosed;
    private String violation;
    ErrorCode failedCode;
    String failedMessage;

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized List<MediaPacket> packets() {
        return List.copyOf(packets);
    }

    synchronized String violation() {
        return violation;
    }

    void sourceClosed() {
        sourceClosed = true;
    }

    /** Waits until the events satisfy {@code done}, at most {@code millis}. */
    synchronized boolean await(Predicate<RecordingSink> done, long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!done.test(this)) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    synchronized boolean ended() {
        return events.stream().anyMatch(e -> e.startsWith("lost") || e.startsWith("failed"));
    }

    private synchronized void record(String what) {
        if (sourceClosed && violation == null) {
            violation = what + " after close() returned";
        }
        events.add(what);
        notifyAll();
    }

    @Override
    public void connecting() {
        record("connecting");
    }

    @Override
    public void streaming() {
        record("streaming");
    }

    @Override
    public synchronized void packet(MediaPacket packet) {
        packets.add(packet);
        record("packet");
    }

    @Override
    public void lost(String reason) {
        record("lost " + reason);
    }

    @Override
    public synchronized void failed(ErrorCode code, String message) {
        failedCode = code;
        failedMessage = message;
        record("failed " + code);
    }
}
