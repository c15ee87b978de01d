package org.ucv.core.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.ucv.api.metrics.ViewerMetrics;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;

/** A viewer's handle on its camera session. */
final class Subscription implements ViewerSession {
    private final StreamHub hub;
    private final CameraSession session;
    private final ViewerSlot slot;
    private final AtomicBoolean closed = new AtomicBoolean();

    Subscription(StreamHub hub, CameraSession session, ViewerSlot slot) {
        this.hub = hub;
        this.session = session;
        this.slot = slot;
    }

    @Override
    public String cameraId() {
        return session.cameraId();
    }

    @Override
    public ViewerRequest request() {
        return slot.request();
    }

    @Override
    public void update(ViewerRequest request) throws StreamException {
        hub.update(session, slot, request);
    }

    @Override
    public ViewerMetrics metrics() {
        return slot.meter().snapshot();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            hub.viewerClosed(session, slot);
        }
    }
}
