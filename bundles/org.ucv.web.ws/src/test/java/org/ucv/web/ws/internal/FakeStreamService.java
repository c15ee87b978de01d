package org.ucv.web.ws.internal;

import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.ucv.api.camera.CameraState;
import org.ucv.api.metrics.ViewerMetrics;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;

/** A stream service with a fixed set of cameras that records what viewers asked for. */
public final class FakeStreamService implements StreamService {
    private final Set<String> cameras;
    public final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
    /** Runs inside open(), before it returns, to play what a real service may do on its threads. */
    Consumer<StreamViewer> duringOpen = viewer -> { };

    public FakeStreamService(String... cameras) {
        this.cameras = Set.of(cameras);
    }

    @Override
    public ViewerSession open(String cameraId, ViewerRequest request, StreamViewer viewer) throws StreamException {
        checkCamera(cameraId);
        checkFormat(request);
        FakeSession s = new FakeSession(cameraId, snapped(request), viewer);
        sessions.add(s);
        duringOpen.accept(viewer);
        return s;
    }

    @Override
    public Set<String> formats() {
        return Set.of("jpeg");
    }

    @Override
    public List<StreamInfo> streams() {
        return List.of();
    }

    @Override
    public CameraState state(String cameraId) throws StreamException {
        checkCamera(cameraId);
        return CameraState.IDLE;
    }

    public FakeSession last() {
        return sessions.get(sessions.size() - 1);
    }

    private void checkCamera(String cameraId) throws StreamException {
        if (!cameras.contains(cameraId)) {
            throw new StreamException(ErrorCode.CAMERA_NOT_FOUND, "camera '" + cameraId + "' is not configured");
        }
    }

    private void checkFormat(ViewerRequest request) throws StreamException {
        if (!formats().contains(request.format())) {
            throw new StreamException(ErrorCode.UNSUPPORTED_FORMAT,
                    "format " + request.format() + " is not supported; supported: jpeg");
        }
    }

    private static ViewerRequest snapped(ViewerRequest r) {
        return new ViewerRequest(r.quality(), r.fps(), r.format(), ViewerRequest.snapWidth(r.maxWidth()));
    }

    public final class FakeSession implements ViewerSession {
        final String cameraId;
        public final StreamViewer viewer;
        volatile ViewerRequest request;
        final List<ViewerRequest> updates = new ArrayList<>();
        public volatile boolean closed;
        /** Runs inside metrics(), i.e. in the window where deliver() works outside its lock. */
        volatile Runnable duringMetrics = () -> { };
        /** Runs inside update(), after the new request took effect, as a camera event may. */
        volatile Runnable duringUpdate = () -> { };

        FakeSession(String cameraId, ViewerRequest request, StreamViewer viewer) {
            this.cameraId = cameraId;
            this.request = request;
            this.viewer = viewer;
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
        public void update(ViewerRequest next) throws StreamException {
            checkFormat(next);
            updates.add(next);
            request = snapped(next);
            duringUpdate.run();
        }

        @Override
        public ViewerMetrics metrics() {
            duringMetrics.run();
            return new ViewerMetrics(10.0, request.fps(), 3, 0, 1.5, 9.5, 12.0, 50_000.0, 90.0);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
