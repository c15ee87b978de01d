package org.ucv.protocol.demo.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;

/** Records every call with its time; flags any call made after the test said the source was closed. */
final class RecordingSink implements MediaSink {
    record Call(String what, MediaPacket packet, long nanos) {
    }

    private final List<Call> calls = new ArrayList<>();
    private volatile boolean sourceClosed;
    private volatile Consumer<MediaPacket> onPacket = p -> { };
    private String violation;

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<MediaPacket> packets() {
        return calls.stream().filter(c -> c.packet() != null).map(Call::packet).toList();
    }

    synchronized String violation() {
        return violation;
    }

    void sourceClosed() {
        sourceClosed = true;
    }

    void onPacket(Consumer<MediaPacket> action) {
        onPacket = action;
    }

    /** Waits for {@code n} packets, at most {@code timeoutMillis}. */
    synchronized boolean awaitPackets(int n, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (packets().size() < n) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private synchronized void record(String what, MediaPacket packet) {
        if (sourceClosed && violation == null) {
            violation = what + " after close() returned";
        }
        calls.add(new Call(what, packet, System.nanoTime()));
        notifyAll();
    }

    @Override
    public void connecting() {
        record("connecting", null);
    }

    @Override
    public void streaming() {
        record("streaming", null);
    }

    @Override
    public void packet(MediaPacket packet) {
        record("packet", packet);
        onPacket.accept(packet);
    }

    @Override
    public void lost(String reason) {
        record("lost " + reason, null);
    }

    @Override
    public void failed(ErrorCode code, String message) {
        record("failed " + code, null);
    }
}
