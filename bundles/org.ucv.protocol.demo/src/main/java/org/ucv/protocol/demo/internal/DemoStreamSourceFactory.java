package org.ucv.protocol.demo.internal;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.StreamSource;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.protocol.demo.internal.AccessUnitSplitter.AccessUnit;

/**
 * The {@code demo} protocol: a test-pattern camera that needs no network. It sends the encoded
 * clip, so the platform decodes and encodes exactly as for a real camera.
 */
@Component(service = StreamSourceFactory.class, property = StreamSourceFactory.PROTOCOL_PROPERTY + "=demo")
public class DemoStreamSourceFactory implements StreamSourceFactory {
    private static final Logger LOG = LoggerFactory.getLogger(DemoStreamSourceFactory.class);

    private final Set<DemoSource> sources = ConcurrentHashMap.newKeySet();
    private volatile List<AccessUnit> clip;

    /** Parses the clip once; every source shares its (read-only) arrays. */
    @Activate
    void activate() throws IOException {
        clip = DemoClip.load();
        LOG.info("Demo protocol ready: {} pictures of {} at {} fps", clip.size(), DemoClip.RESOURCE, DemoClip.FPS);
    }

    /** The platform closes its sources when this service goes, but a bundle stop must not leave threads either. */
    @Deactivate
    void deactivate() {
        for (DemoSource source : List.copyOf(sources)) {
            source.close();
        }
    }

    @Override
    public StreamSource open(CameraConfig camera, MediaSink sink) {
        DemoSource source = new DemoSource(camera.id(), clip, DemoSource.fps(camera, DemoClip.FPS), sink, sources::remove);
        sources.add(source);
        source.start();
        return source;
    }
}
