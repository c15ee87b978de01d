package org.ucv.protocol.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;

import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.Codec;
import org.ucv.api.spi.ConnectionTester.ConnectionTestResult;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.SourceException;
import org.ucv.protocol.http.internal.HttpOptions.Mode;

/**
 * Single pictures: one snapshot request, the first picture of an MJPEG stream, and on them the
 * factory's {@code SnapshotCapable} and {@code ConnectionTester}.
 */
public final class Snapshots {
    private Snapshots() {
    }

    /**
     * GETs one JPEG.
     *
     * @param http the camera's client
     * @param target the snapshot URL
     * @param maxBytes the largest picture accepted
     * @return the body, or null when it was larger than {@code maxBytes} (not read to the end)
     * @throws SourceException when the camera fails or answers with something else than an image
     * @throws IOException when reading the body fails
     */
    static byte[] fetch(CameraHttp http, HttpTarget target, int maxBytes) throws SourceException, IOException {
        try (HttpResponse r = http.get(target)) {
            String type = r.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (type.startsWith("text/") || type.startsWith("multipart/") || type.contains("html")) {
                throw new SourceException(ErrorCode.NOT_A_STREAM, http.message(target, "answered Content-Type '" + type
                        + "', not a JPEG picture" + (type.startsWith("multipart/")
                        ? "; for an MJPEG stream set option mode=mjpeg" : "")));
            }
            if (r.contentLength() > maxBytes) {
                return null;
            }
            return readAtMost(r.body(), maxBytes);
        }
    }

    /**
     * Reads an MJPEG stream until its first whole JPEG.
     *
     * @param http the camera's client
     * @param target the stream URL
     * @param maxBytes the largest part accepted
     * @param deadlineNanos when to give up ({@link System#nanoTime()} scale)
     * @return the first complete JPEG part
     * @throws SourceException on failure, {@code not_a_stream} when the answer is not MJPEG,
     *         {@code timeout} when no picture came in time
     */
    static byte[] firstPart(CameraHttp http, HttpTarget target, int maxBytes, long deadlineNanos) throws SourceException {
        try (HttpResponse r = http.get(target)) {
            String type = r.header("Content-Type").orElse("");
            String boundary = MultipartParser.boundary(type).orElseThrow(() -> new SourceException(
                    ErrorCode.NOT_A_STREAM, http.message(target, "answered Content-Type '" + type
                            + "', not an MJPEG stream (multipart/x-mixed-replace with a boundary)")));
            byte[][] found = new byte[1][];
            MultipartParser parser = new MultipartParser(boundary, maxBytes, part -> {
                if (found[0] == null && Jpeg.isComplete(part)) {
                    found[0] = part;
                }
            });
            InputStream in = r.body();
            byte[] chunk = new byte[16 * 1024];
            while (found[0] == null) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new SourceException(ErrorCode.TIMEOUT, http.message(target, "sent no complete picture in time"));
                }
                int n = in.read(chunk);
                if (n < 0) {
                    throw new SourceException(ErrorCode.NOT_A_STREAM, http.message(target,
                            "ended the stream before a complete picture"));
                }
                parser.feed(chunk, 0, n);
            }
            return found[0];
        } catch (IOException e) {
            throw http.failure(target, e);
        }
    }

    /**
     * One JPEG from the camera, whatever its mode: the snapshot URL in {@code snapshot} mode; in
     * {@code mjpeg} mode the {@code snapshot_url} option, else the brand's snapshot template when
     * the camera is configured by host and brand, else the first picture of the stream.
     *
     * @param camera the camera
     * @param timeout the most the call should take
     * @return a complete JPEG
     * @throws SourceException when no picture could be had
     */
    public static byte[] snapshot(CameraConfig camera, Duration timeout) throws SourceException {
        HttpOptions options = bounded(camera, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpTarget stream = target(camera, Mode.MJPEG);
        HttpTarget picture = options.mode() == Mode.SNAPSHOT ? target(camera, Mode.SNAPSHOT)
                : options.snapshotUrl().map(u -> HttpTarget.resolve(camera, u, stream))
                .orElse(camera.url().isEmpty() && camera.brand().isPresent() ? target(camera, Mode.SNAPSHOT) : null);
        try (CameraHttp http = new CameraHttp(camera, options, stream)) {
            if (picture == null) {
                return firstPart(http, stream, options.maxPartBytes(), deadline);
            }
            byte[] jpeg = fetch(http, picture, options.maxPartBytes());
            if (jpeg == null) {
                throw new SourceException(ErrorCode.NOT_A_STREAM, http.message(picture,
                        "sent a picture larger than max_part_bytes=" + options.maxPartBytes()));
            }
            if (!Jpeg.isComplete(jpeg)) {
                throw new SourceException(ErrorCode.NOT_A_STREAM, http.message(picture,
                        "sent " + jpeg.length + " bytes that are not a complete JPEG"));
            }
            return jpeg;
        } catch (IOException e) {
            throw new SourceException(ErrorCode.CAMERA_UNREACHABLE, camera.redact("Camera '" + camera.id()
                    + "': reading the picture failed: " + e.getMessage()));
        }
    }

    /**
     * Connects, authenticates and reads one picture the way streaming would.
     *
     * @param camera the camera
     * @param timeout the most the call should take
     * @return the time taken and what was found
     * @throws SourceException when the camera fails the test
     */
    public static ConnectionTestResult test(CameraConfig camera, Duration timeout) throws SourceException {
        long started = System.nanoTime();
        HttpOptions options = bounded(camera, timeout);
        Mode mode = options.mode();
        HttpTarget target = target(camera, mode);
        byte[] jpeg;
        try (CameraHttp http = new CameraHttp(camera, options, target)) {
            if (mode == Mode.MJPEG) {
                jpeg = firstPart(http, target, options.maxPartBytes(), started + timeout.toNanos());
            } else {
                jpeg = fetch(http, target, options.maxPartBytes());
                if (jpeg == null || !Jpeg.isComplete(jpeg)) {
                    throw new SourceException(ErrorCode.NOT_A_STREAM, http.message(target,
                            jpeg == null ? "sent a picture larger than max_part_bytes" : "did not send a complete JPEG"));
                }
            }
        } catch (IOException e) {
            throw new SourceException(ErrorCode.CAMERA_UNREACHABLE, camera.redact("Camera '" + camera.id()
                    + "': reading the picture failed: " + e.getMessage()));
        }
        return new ConnectionTestResult(Duration.ofNanos(System.nanoTime() - started), Codec.MJPEG,
                (mode == Mode.MJPEG ? "MJPEG stream" : "JPEG snapshot") + " at " + target.display()
                        + ", first picture " + jpeg.length + " bytes");
    }

    /**
     * @param camera the camera
     * @param mode which of its URLs
     * @return the target
     * @throws SourceException {@code invalid_params} when the configuration cannot make one
     */
    static HttpTarget target(CameraConfig camera, Mode mode) throws SourceException {
        try {
            return HttpTarget.of(camera, mode);
        } catch (IllegalArgumentException e) {
            throw new SourceException(ErrorCode.INVALID_PARAMS, camera.redact("Camera '" + camera.id() + "': "
                    + e.getMessage()));
        }
    }

    private static HttpOptions bounded(CameraConfig camera, Duration timeout) {
        HttpOptions o = HttpOptions.of(camera);
        int limit = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return new HttpOptions(o.mode(), o.fps(), o.maxPartBytes(), o.insecureTls(),
                Math.min(o.connectTimeoutMillis(), limit), Math.min(o.readTimeoutMillis(), limit), o.snapshotUrl(),
                o.warnings());
    }

    private static byte[] readAtMost(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        byte[] chunk = new byte[16 * 1024];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            if (out.size() + n > maxBytes) {
                return null;
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }
}
