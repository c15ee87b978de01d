package org.ucv.console.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraState;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ConnectionTester;
import org.ucv.api.spi.ConnectionTester.ConnectionTestResult;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.FactoryTable;
import org.ucv.api.spi.SnapshotCapable;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.VideoFrame;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;

/**
 * The camera actions the page and the shell share: a snapshot and a connection test. Every text
 * that leaves here went through the camera's {@link CameraConfig#redact}: plugin and library
 * messages may quote a URL with its password.
 */
public final class CameraTools {
    /**
     * @param snapshotTimeout the longest a snapshot may take
     * @param testTimeout the longest a connection test may take
     * @param maxParallelSnapshots snapshots taken at once; more are refused (each may hold a camera
     *        connection and a request thread for up to the timeout)
     */
    public record Settings(Duration snapshotTimeout, Duration testTimeout, int maxParallelSnapshots) {
    }

    /** How a connection test ended. */
    public enum Outcome { OK, FAILED, UNSUPPORTED }

    /**
     * @param outcome how it ended
     * @param text one line for people, naming the camera
     */
    public record TestResult(Outcome outcome, String text) {
    }

    /**
     * @param jpeg one complete JPEG
     * @param fromPlugin true when the protocol plugin took it, false when it came from the camera's stream
     */
    public record Snapshot(byte[] jpeg, boolean fromPlugin) {
    }

    private final CameraRegistry registry;
    private final StreamService streams;
    private final FactoryTable factories;
    private final Settings settings;
    private final Semaphore snapshotSlots;

    public CameraTools(CameraRegistry registry, StreamService streams, FactoryTable factories, Settings settings) {
        this.registry = registry;
        this.streams = streams;
        this.factories = factories;
        this.settings = settings;
        this.snapshotSlots = new Semaphore(Math.max(1, settings.maxParallelSnapshots()));
    }

    /**
     * Takes one picture. A camera that streams now gives a frame of its running session (no second
     * connection to the camera, which many cameras limit); otherwise the plugin's
     * {@link SnapshotCapable} when it has one, else a frame of a short-lived stream.
     *
     * @param cameraId the camera
     * @param request the picture wanted from a stream (quality, width); a plugin's snapshot comes as the camera sends it
     * @return the picture
     * @throws ToolException {@code camera_not_found}, {@code protocol_missing}, {@code too_many_viewers}
     *         when too many snapshots run, or the camera's failure
     */
    public Snapshot snapshot(String cameraId, ViewerRequest request) throws ToolException {
        CameraConfig camera = camera(cameraId);
        if (!camera.enabled()) {
            throw new ToolException(ErrorCode.INVALID_PARAMS, "camera '" + cameraId + "' is disabled");
        }
        StreamSourceFactory factory = factory(camera);
        if (!snapshotSlots.tryAcquire()) {
            throw new ToolException(ErrorCode.TOO_MANY_VIEWERS,
                    "too many snapshots at once (" + settings.maxParallelSnapshots() + "); try again");
        }
        try {
            if (factory instanceof SnapshotCapable capable && !streaming(cameraId)) {
                return new Snapshot(pluginSnapshot(camera, capable), true);
            }
            return new Snapshot(streamSnapshot(camera, request), false);
        } finally {
            snapshotSlots.release();
        }
    }

    /**
     * Tests the camera's connection through its plugin's {@link ConnectionTester}.
     *
     * @param cameraId the camera
     * @return the outcome; a camera that is missing or whose plugin cannot test is a result too
     */
    public TestResult test(String cameraId) {
        CameraConfig camera;
        StreamSourceFactory factory;
        try {
            camera = camera(cameraId);
            factory = factory(camera);
        } catch (ToolException e) {
            return new TestResult(Outcome.FAILED, cameraId + ": failed: " + e.describe());
        }
        if (!(factory instanceof ConnectionTester tester)) {
            return new TestResult(Outcome.UNSUPPORTED, cameraId + ": connection test not supported by the '"
                    + camera.protocol() + "' plugin");
        }
        try {
            ConnectionTestResult result = tester.test(camera, settings.testTimeout());
            StringBuilder text = new StringBuilder(cameraId).append(": ok in ")
                    .append(result.elapsed() == null ? "?" : Long.toString(result.elapsed().toMillis())).append(" ms");
            if (result.codec() != null) {
                text.append(", codec ").append(result.codec().name().toLowerCase(Locale.ROOT));
            }
            if (result.detail() != null && !result.detail().isBlank()) {
                text.append(", ").append(camera.redact(result.detail()));
            }
            return new TestResult(Outcome.OK, text.toString());
        } catch (SourceException e) {
            return new TestResult(Outcome.FAILED,
                    cameraId + ": failed: " + e.code().wire() + ": " + camera.redact(e.getMessage()));
        } catch (RuntimeException e) {
            // A plugin bug must not take the console page or the shell command down with it.
            return new TestResult(Outcome.FAILED,
                    cameraId + ": failed: " + ErrorCode.INTERNAL.wire() + ": " + camera.redact(e.toString()));
        }
    }

    private CameraConfig camera(String cameraId) throws ToolException {
        Optional<CameraConfig> camera = registry.camera(cameraId);
        if (camera.isEmpty()) {
            throw new ToolException(ErrorCode.CAMERA_NOT_FOUND, "no camera '" + cameraId + "'");
        }
        return camera.get();
    }

    private StreamSourceFactory factory(CameraConfig camera) throws ToolException {
        return factories.best(camera.protocol()).orElseThrow(() -> new ToolException(ErrorCode.PROTOCOL_MISSING,
                "no plugin serves protocol '" + camera.protocol() + "' of camera '" + camera.id() + "'"));
    }

    private boolean streaming(String cameraId) {
        try {
            return streams.state(cameraId) == CameraState.STREAMING;
        } catch (StreamException e) {
            return false;
        }
    }

    private byte[] pluginSnapshot(CameraConfig camera, SnapshotCapable capable) throws ToolException {
        byte[] jpeg;
        try {
            jpeg = capable.snapshot(camera, settings.snapshotTimeout());
        } catch (SourceException e) {
            throw new ToolException(e.code(), camera.redact(e.getMessage()));
        } catch (RuntimeException e) {
            throw new ToolException(ErrorCode.INTERNAL, camera.redact(e.toString()));
        }
        if (!JpegSize.isJpeg(jpeg)) {
            throw new ToolException(ErrorCode.NOT_A_STREAM,
                    "the '" + camera.protocol() + "' plugin's snapshot of camera '" + camera.id() + "' is not a JPEG");
        }
        return jpeg;
    }

    private byte[] streamSnapshot(CameraConfig camera, ViewerRequest request) throws ToolException {
        FrameGrab grab = new FrameGrab(camera.id());
        ViewerSession session;
        try {
            session = streams.open(camera.id(), request, grab);
        } catch (StreamException e) {
            throw new ToolException(e.code(), camera.redact(e.getMessage()));
        }
        try {
            VideoFrame frame = grab.await(settings.snapshotTimeout());
            return frame.data();
        } catch (ToolException e) {
            throw new ToolException(e.code(), camera.redact(e.getMessage()));
        } finally {
            session.close();
        }
    }
}
