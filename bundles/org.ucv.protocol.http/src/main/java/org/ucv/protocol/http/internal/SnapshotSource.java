package org.ucv.protocol.http.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.SourceException;

/**
 * A snapshot camera: GET a JPEG at the {@code fps} option's rate, one request at a time on this
 * source's thread (a slow camera lowers the rate; requests never overlap or burst to catch up).
 */
final class SnapshotSource extends HttpSource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSource.class);

    private long oversize;

    SnapshotSource(CameraConfig camera, HttpOptions options, HttpTarget target, MediaSink sink,
                   Consumer<HttpSource> onClose) {
        super(camera, options, target, sink, onClose);
    }

    @Override
    protected void run() throws SourceException {
        long period = (long) (TimeUnit.SECONDS.toNanos(1) / options.fps());
        long next = System.nanoTime();
        while (!closed()) {
            long wait;
            while ((wait = next - System.nanoTime()) > 0 && !closed()) {
                LockSupport.parkNanos(this, wait);
            }
            if (closed()) {
                return;
            }
            long started = System.nanoTime();
            try {
                byte[] jpeg = Snapshots.fetch(http, target, options.maxPartBytes());
                if (jpeg == null) {
                    oversize++;
                    LOG.warn("Camera '{}': skipped a snapshot larger than max_part_bytes={}; {} oversize so far",
                            camera.id(), options.maxPartBytes(), oversize);
                } else {
                    picture(jpeg);
                }
            } catch (IOException e) {
                if (closed()) {
                    return;
                }
                throw http.failure(target, e);
            }
            next = Math.max(started + period, System.nanoTime());
        }
    }
}
