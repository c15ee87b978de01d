package org.ucv.console.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.ucv.api.camera.CameraState;
import org.ucv.api.metrics.ViewerMetrics;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;

/** A stream service over a {@link FakeRegistry}: states and running sessions set by the test. */
final class FakeStreams implements StreamService {
    private final FakeRegistry registry;
    final Map<String, CameraState> states = new HashMap<>();
    final List<StreamInfo> running = new ArrayList<>();
    final List<Session> sessions = new CopyOnWriteArrayList<>();
    /** Runs inside open() with the viewer: plays what the core's threads do (deliver, event). */
    BiConsumer<String, StreamViewer> onOpen = (id, viewer) -> { };

    FakeStreams(FakeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ViewerSession open(String cameraId, ViewerRequest request, StreamViewer viewer) throws StreamException {
        check(cameraId);
        Session session = new Session(cameraId, request);
        sessions.add(session);
        onOpen.accept(cameraId, viewer);
        return session;
    }

    @Override
    public Set<String> formats() {
        return Set.of("jpeg");
    }

    @Override
    public List<StreamInfo> streams() {
        return List.copyOf(running);
    }

    @Override
    public CameraState state(String cameraId) throws StreamException {
        check(cameraId);
        return states.getOrDefault(cameraId, CameraState.IDLE);
    }

    List<Session> open() {
        return sessions.stream().filter(s -> !s.closed).toList();
    }

    private void check(String cameraId) throws StreamException {
        if (registry.camera(cameraId).isEmpty()) {
            throw new StreamException(ErrorCode.CAMERA_NOT_FOUND, "camera '" + cameraId + "' is not configured");
        }
    }

    static final class Session implements ViewerSession {
        final String cameraId;
        final ViewerRequest request;
        volatile boolean closed;

        Session(String cameraId, ViewerRequest request) {
            this.cameraId = cameraId;
            this.request = request;
        }

        @Override
        public String cameraId() {
            return cameraId;
        }

        @Override
        public ViewerRequest request() {
            return request;
        }

        @Override
        public void update(ViewerRequest next) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ViewerMetrics metrics() {
            return new ViewerMetrics(0, request.fps(), 0, 0, 0, 0, 0, 0, 100);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
