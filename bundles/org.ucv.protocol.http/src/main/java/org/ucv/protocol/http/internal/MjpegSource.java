package org.ucv.protocol.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.SourceException;

/** An MJPEG camera: one GET whose {@code multipart/x-mixed-replace} body carries a JPEG per part. */
final class MjpegSource extends HttpSource {
    private static final Logger LOG = LoggerFactory.getLogger(MjpegSource.class);
    private static final int READ_CHUNK = 16 * 1024;

    private MultipartParser parser;
    private long lastPictureNanos;
    private long oversizeLogged;

    MjpegSource(CameraConfig camera, HttpOptions options, HttpTarget target, MediaSink sink,
                Consumer<HttpSource> onClose) {
        super(camera, options, target, sink, onClose);
    }

    @Override
    protected void run() throws SourceException {
        try (HttpResponse r = http.get(target)) {
            String type = r.header("Content-Type").orElse("");
            String boundary = MultipartParser.boundary(type).orElseThrow(() -> new SourceException(
                    ErrorCode.NOT_A_STREAM, http.message(target, "answered Content-Type '" + type
                            + "', not an MJPEG stream (multipart/x-mixed-replace with a boundary)"
                            + (type.toLowerCase(Locale.ROOT).startsWith("image/") ? "; for a snapshot URL set option mode=snapshot" : ""))));
            parser = new MultipartParser(boundary, options.maxPartBytes(), this::part);
            read(r.body());
        } catch (IOException e) {
            if (!closed()) {
                throw http.failure(target, e);
            }
        } finally {
            if (parser != null) {
                LOG.debug("Camera '{}': MJPEG ended after {} parts ({} oversize, {} truncated, {} corrupt); "
                        + "buffer high-water mark {} of {} bytes", camera.id(), parser.parts(), parser.oversize(),
                        parser.truncated(), corrupt(), parser.highWaterMark(), parser.bound());
            }
        }
    }

    private void read(InputStream body) throws IOException, SourceException {
        byte[] chunk = new byte[READ_CHUNK];
        long stallNanos = TimeUnit.MILLISECONDS.toNanos(options.readTimeoutMillis());
        lastPictureNanos = System.nanoTime();
        while (!closed()) {
            int n = body.read(chunk);
            if (n < 0) {
                throw new SourceException(ErrorCode.CAMERA_UNREACHABLE, http.message(target, "ended the stream"));
            }
            parser.feed(chunk, 0, n);
            reportOversize();
            // Bytes that never make a picture (an endless part, garbage) must not hold the camera
            // forever: after a read timeout's worth without one, reconnect.
            if (System.nanoTime() - lastPictureNanos > stallNanos) {
                throw new SourceException(ErrorCode.TIMEOUT, http.message(target, "sent no complete picture for "
                        + options.readTimeoutMillis() + " ms"));
            }
        }
    }

    private void part(byte[] body) {
        if (picture(body)) {
            lastPictureNanos = System.nanoTime();
        }
    }

    private void reportOversize() {
        if (parser.oversize() != oversizeLogged) {
            oversizeLogged = parser.oversize();
            LOG.warn("Camera '{}': dropped a part larger than max_part_bytes={}; {} oversize so far; "
                    + "buffer high-water mark {} bytes (bound {})", camera.id(), options.maxPartBytes(),
                    oversizeLogged, parser.highWaterMark(), parser.bound());
        }
    }
}
