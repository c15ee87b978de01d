package org.ucv.protocol.http.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSource;
import org.ucv.protocol.http.internal.HttpOptions.Mode;

/** Opens the right source for a camera's mode and keeps the open ones, to close them all at the end. */
public final class HttpSources {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSources.class);

    private final Set<HttpSource> open = ConcurrentHashMap.newKeySet();

    /**
     * @param camera the camera
     * @param sink where its pictures go
     * @return the started source; a configuration that cannot work is reported through the sink
     */
    public StreamSource open(CameraConfig camera, MediaSink sink) {
        HttpOptions options = HttpOptions.of(camera);
        for (String warning : options.warnings()) {
            LOG.warn("Camera '{}': {}", camera.id(), camera.redact(warning));
        }
        HttpTarget target;
        try {
            target = Snapshots.target(camera, options.mode());
        } catch (SourceException e) {
            return new FailedSource(sink, e);
        }
        HttpSource source = options.mode() == Mode.SNAPSHOT
                ? new SnapshotSource(camera, options, target, sink, open::remove)
                : new MjpegSource(camera, options, target, sink, open::remove);
        open.add(source);
        source.start();
        return source;
    }

    /** Closes every source still open. */
    public void closeAll() {
        for (HttpSource source : List.copyOf(open)) {
            source.close();
        }
    }

    /** A camera that cannot be opened: says so once, on the caller's thread (the sink returns at once). */
    private static final class FailedSource implements StreamSource {
        FailedSource(MediaSink sink, SourceException e) {
            sink.failed(e.code(), e.getMessage());
        }

        @Override
        public void close() {
            // nothing was opened
        }
    }
}
