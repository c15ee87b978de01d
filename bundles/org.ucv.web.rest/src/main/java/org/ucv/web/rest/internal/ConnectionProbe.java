package org.ucv.web.rest.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ConnectionTester;
import org.ucv.api.spi.ConnectionTester.ConnectionTestResult;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaPacket;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSource;
import org.ucv.api.spi.StreamSourceFactory;

/**
 * Tests a camera: with the plugin's {@link ConnectionTester} when it has one, else by opening a
 * stream and waiting for its first packet, so every protocol can be tested. Nothing is stored and no
 * camera session is touched: a camera being edited can be tested before it is saved.
 */
public final class ConnectionProbe {
    private ConnectionProbe() {
    }

    /**
     * @param factory the plugin serving the camera's protocol
     * @param camera the camera
     * @param timeout the most the test may take
     * @return what was found
     * @throws SourceException the camera's failure, its message redacted
     * @throws InterruptedException when interrupted
     */
    public static ConnectionTestResult test(StreamSourceFactory factory, CameraConfig camera, Duration timeout)
            throws SourceException, InterruptedException {
        try {
            if (factory instanceof ConnectionTester tester) {
                return tester.test(camera, timeout);
            }
            return firstPacket(factory, camera, timeout);
        } catch (SourceException e) {
            throw new SourceException(e.code(), camera.redact(e.getMessage()));
        } catch (RuntimeException e) {
            throw new SourceException(ErrorCode.INTERNAL, camera.redact("the " + camera.protocol()
                    + " plugin failed the test of camera '" + camera.id() + "': " + e));
        }
    }

    private static ConnectionTestResult firstPacket(StreamSourceFactory factory, CameraConfig camera, Duration timeout)
            throws SourceException, InterruptedException {
        long start = System.nanoTime();
        CompletableFuture<Codec> first = new CompletableFuture<>();
        MediaSink sink = new MediaSink() {
            @Override
            public void connecting() {
            }

            @Override
            public void streaming() {
            }

            @Override
            public void packet(MediaPacket packet) {
                first.complete(packet.codec());
            }

            @Override
            public void lost(String reason) {
                first.completeExceptionally(new SourceException(ErrorCode.CAMERA_UNREACHABLE, reason));
            }

            @Override
            public void failed(ErrorCode code, String message) {
                first.completeExceptionally(new SourceException(code, message));
            }
        };
        StreamSource source = factory.open(camera, sink);
        try {
            Codec codec = first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new ConnectionTestResult(elapsed, codec, "first packet after " + elapsed.toMillis() + " ms");
        } catch (TimeoutException e) {
            throw new SourceException(ErrorCode.TIMEOUT, "camera '" + camera.id() + "' sent no picture within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SourceException se) {
                throw se;
            }
            throw new SourceException(ErrorCode.INTERNAL, String.valueOf(e.getCause()));
        } finally {
            if (source != null) {
                source.close();
            }
        }
    }
}
