package org.ucv.console.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.VideoFrame;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;

/**
 * The console's "Start": a viewer the console holds so that a camera connects and stays connected
 * with nobody watching (to check it, or to keep it warm). It asks for the cheapest rendition there
 * is and throws every frame away. At most one per camera; all are closed with the console.
 */
public final class KeepAlives implements AutoCloseable {
    /** 1 fps, low quality, 320 px: the least work a rendition can cost. */
    static final ViewerRequest REQUEST = new ViewerRequest(Quality.LOW, 1, "jpeg", 320);

    private final StreamService streams;
    private final Map<String, Holder> held = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public KeepAlives(StreamService streams) {
        this.streams = streams;
    }

    /**
     * @param cameraId the camera
     * @return false when the console already held it
     * @throws StreamException as {@link StreamService#open} ({@code camera_not_found}, ...)
     */
    public boolean start(String cameraId) throws StreamException {
        Holder holder = new Holder(cameraId);
        if (closed || held.putIfAbsent(cameraId, holder) != null) {
            return false;
        }
        try {
            holder.attach(streams.open(cameraId, REQUEST, holder));
        } catch (StreamException | RuntimeException e) {
            held.remove(cameraId, holder);
            throw e;
        }
        if (closed) {
            holder.release();
        }
        return true;
    }

    /**
     * @param cameraId the camera
     * @return false when the console did not hold it
     */
    public boolean stop(String cameraId) {
        Holder holder = held.get(cameraId);
        if (holder == null) {
            return false;
        }
        holder.release();
        return true;
    }

    /** @return the cameras the console holds, sorted */
    public Set<String> held() {
        return new TreeSet<>(held.keySet());
    }

    /** Closes every held viewer; later starts are refused. */
    @Override
    public void close() {
        closed = true;
        for (Holder holder : held.values()) {
            holder.release();
        }
    }

    /** One held viewer. The session arrives after open() returns, but events may come before. */
    private final class Holder implements StreamViewer {
        private final String cameraId;
        private ViewerSession session;
        private boolean released;

        Holder(String cameraId) {
            this.cameraId = cameraId;
        }

        synchronized void attach(ViewerSession s) {
            if (released) {
                s.close();
            } else {
                session = s;
            }
        }

        void release() {
            ViewerSession s;
            synchronized (this) {
                released = true;
                s = session;
                session = null;
            }
            held.remove(cameraId, this);
            if (s != null) {
                s.close();
            }
        }

        @Override
        public void deliver(VideoFrame frame, Runnable done) {
            done.run();
        }

        @Override
        public void event(StreamEvent event) {
            // The camera was removed or the stream ended for good: the service closed the session
            // itself, so it is only forgotten here (closing it from its own callback is not needed).
            if (event.fatal()) {
                synchronized (this) {
                    released = true;
                    session = null;
                }
                held.remove(cameraId, this);
            }
        }
    }
}
