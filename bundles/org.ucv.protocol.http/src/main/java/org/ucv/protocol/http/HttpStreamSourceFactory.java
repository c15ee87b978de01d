package org.ucv.protocol.http;

import java.time.Duration;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ConnectionTester;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.SnapshotCapable;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSource;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.protocol.http.internal.HttpSources;
import org.ucv.protocol.http.internal.Snapshots;

/**
 * The {@code http} and {@code https} protocols: MJPEG multipart streams and JPEG snapshot polling
 * (camera option {@code mode}), Basic and Digest authentication. Options: docs/http.md.
 */
@Component(service = StreamSourceFactory.class,
        property = {StreamSourceFactory.PROTOCOL_PROPERTY + "=http", StreamSourceFactory.PROTOCOL_PROPERTY + "=https"})
public class HttpStreamSourceFactory implements StreamSourceFactory, SnapshotCapable, ConnectionTester {
    private final HttpSources sources = new HttpSources();

    /** The platform closes its sources when this service goes, but a bundle stop must not leave threads either. */
    @Deactivate
    void deactivate() {
        sources.closeAll();
    }

    @Override
    public StreamSource open(CameraConfig camera, MediaSink sink) {
        return sources.open(camera, sink);
    }

    @Override
    public byte[] snapshot(CameraConfig camera, Duration timeout) throws SourceException {
        return Snapshots.snapshot(camera, timeout);
    }

    @Override
    public ConnectionTestResult test(CameraConfig camera, Duration timeout) throws SourceException {
        return Snapshots.test(camera, timeout);
    }
}
