package org.ucv.web.rest.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.SourceException;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.VideoFrame;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;

/**
 * One JPEG of a camera whose plugin has no snapshot of its own: joins the camera's session as a
 * viewer at high quality, takes the first frame and leaves. A camera that is already watched
 * answers at once; one that is not connects first. While the session retries, the last reason is
 * kept, so a deadline reached then names the cause rather than only "timeout".
 */
public final class FrameGrab {
    private static final ViewerRequest HIGH = new ViewerRequest(Quality.HIGH, 1, "jpeg", 0);

    private FrameGrab() {
    }

    /**
     * @param streams the stream service
     * @param cameraId the camera
     * @param timeout the most to wait for a frame
     * @return one JPEG
     * @throws SourceException the cause, with its code
     * @throws InterruptedException when interrupted
     */
    public static byte[] grab(StreamService streams, String cameraId, Duration timeout)
            throws SourceException, InterruptedException {
        CompletableFuture<byte[]> frame = new CompletableFuture<>();
        StreamEvent[] lastTrouble = new StreamEvent[1];
        StreamViewer viewer = new StreamViewer() {
            @Override
            public void deliver(VideoFrame f, Runnable done) {
                // The bytes are shared with other viewers: they are only written out, never changed.
                frame.complete(f.data());
                done.run();
            }

            @Override
            public void event(StreamEvent e) {
                switch (e.kind()) {
                    case ERROR -> {
                        if (e.fatal()) {
                            frame.completeExceptionally(new SourceException(e.code(), e.message()));
                        }
                    }
                    case PROTOCOL_MISSING -> frame.completeExceptionally(
                            new SourceException(ErrorCode.PROTOCOL_MISSING, e.message()));
                    case RECONNECTING -> {
                        synchronized (lastTrouble) {
                            lastTrouble[0] = e;
                        }
                    }
                    default -> {
                    }
                }
            }
        };
        ViewerSession session;
        try {
            session = streams.open(cameraId, HIGH, viewer);
        } catch (StreamException e) {
            throw new SourceException(e.code(), e.getMessage());
        }
        try (session) {
            return frame.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SourceException se) {
                throw se;
            }
            throw new SourceException(ErrorCode.INTERNAL, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            StreamEvent trouble;
            synchronized (lastTrouble) {
                trouble = lastTrouble[0];
            }
            String base = "camera '" + cameraId + "' gave no picture within " + timeout.toMillis() + " ms";
            if (trouble != null && trouble.code() != null) {
                throw new SourceException(trouble.code(), base + ": " + trouble.message());
            }
            throw new SourceException(ErrorCode.TIMEOUT, base);
        }
    }
}
