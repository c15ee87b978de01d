package org.ucv.console.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.time.Duration;

import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.StreamEvent;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.VideoFrame;

/**
 * A viewer that waits for one picture. It gives up at the first sign of trouble (reconnecting, no
 * plugin, an error) instead of waiting out the timeout: a snapshot is a quick look, and the
 * trouble is the answer.
 */
final class FrameGrab implements StreamViewer {
    private final String cameraId;
    private final CompletableFuture<VideoFrame> first = new CompletableFuture<>();

    FrameGrab(String cameraId) {
        this.cameraId = cameraId;
    }

    @Override
    public void deliver(VideoFrame frame, Runnable done) {
        try {
            first.complete(frame);
        } finally {
            done.run();
        }
    }

    @Override
    public void event(StreamEvent event) {
        if (event.kind() != StreamEvent.Kind.RESUMED) {
            ErrorCode code = event.code() != null ? event.code() : ErrorCode.INTERNAL;
            first.completeExceptionally(new ToolException(code, event.message()));
        }
    }

    /**
     * @param timeout the longest wait
     * @return the first picture
     * @throws ToolException the stream's trouble, or {@code timeout}
     */
    VideoFrame await(Duration timeout) throws ToolException {
        try {
            return first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ToolException t ? t
                    : new ToolException(ErrorCode.INTERNAL, "camera '" + cameraId + "': " + e.getCause());
        } catch (TimeoutException e) {
            throw new ToolException(ErrorCode.TIMEOUT,
                    "camera '" + cameraId + "' sent no picture within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException(ErrorCode.INTERNAL, "interrupted while waiting for camera '" + cameraId + "'");
        }
    }
}
