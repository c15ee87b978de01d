package org.ucv.protocol.onvif;

import java.time.Duration;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ConnectionTester;
import org.ucv.api.spi.MediaSink;
import org.ucv.api.spi.PtzCapable;
import org.ucv.api.spi.SnapshotCapable;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSource;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.protocol.onvif.internal.OnvifService;
import org.ucv.protocol.onvif.internal.OnvifSettings;

/**
 * The {@code onvif} protocol: finds a camera's stream through its ONVIF device and media services
 * and plays it with the RTSP plugin, reached through the SPI (the {@link StreamSourceFactory} with
 * {@code ucv.protocol=rtsp}); snapshots, connection tests and PTZ. Options: docs/onvif.md.
 */
@Component(service = StreamSourceFactory.class, configurationPid = OnvifStreamSourceFactory.PID,
        property = StreamSourceFactory.PROTOCOL_PROPERTY + "=onvif")
@Designate(ocd = OnvifStreamSourceFactory.Config.class)
public class OnvifStreamSourceFactory implements StreamSourceFactory, SnapshotCapable, ConnectionTester, PtzCapable {
    static final String PID = "org.ucv.protocol.onvif";
    private static final Logger LOG = LoggerFactory.getLogger(OnvifStreamSourceFactory.class);

    @ObjectClassDefinition(name = "UCV ONVIF protocol",
            description = "Defaults for ONVIF cameras. A camera's option of the same name overrides a default;"
                    + " the size limits and the cache time apply to every camera.")
    public @interface Config {
        @AttributeDefinition(description = "TCP connect (and TLS handshake) bound of one request to the device, in ms")
        long connect_timeout_ms() default 3000;

        @AttributeDefinition(description = "The most one SOAP request or snapshot download may take, in ms")
        long request_timeout_ms() default 8000;

        @AttributeDefinition(description = "The most finding the stream URI may take before RTSP opens"
                + " (also the bound of one PTZ command), in ms")
        long resolve_timeout_ms() default 15000;

        @AttributeDefinition(description = "Profile streamed when a camera names none: main (highest resolution),"
                + " sub (the next one down) or a profile token")
        String profile() default "main";

        @AttributeDefinition(description = "Media service: auto (Media2 where offered, needed for H.265),"
                + " media (ver10) or media2", options = {
                    @Option(value = "auto", label = "auto"), @Option(value = "media", label = "media (ver10)"),
                    @Option(value = "media2", label = "media2 (ver20)")})
        String media() default "auto";

        @AttributeDefinition(description = "The largest SOAP answer read, in bytes")
        int max_response_bytes() default 1024 * 1024;

        @AttributeDefinition(description = "The largest snapshot JPEG read, in bytes")
        int max_snapshot_bytes() default 8 * 1024 * 1024;

        @AttributeDefinition(description = "How long a device's clock offset, services and profiles are reused,"
                + " in seconds (0: ask every time)")
        long session_cache_seconds() default 60;

        @AttributeDefinition(description = "Replace the host of every address the device gives (services,"
                + " stream and snapshot URIs) with the camera's configured host (devices behind NAT)")
        boolean rewrite_host() default false;

        @AttributeDefinition(description = "Accept any TLS certificate of https devices (self-signed ones)")
        boolean insecure_tls() default false;
    }

    private volatile StreamSourceFactory rtsp;
    private final OnvifService service = new OnvifService(() -> rtsp);

    @Reference(target = "(" + StreamSourceFactory.PROTOCOL_PROPERTY + "=rtsp)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRtsp(StreamSourceFactory factory) {
        rtsp = factory;
    }

    void unbindRtsp(StreamSourceFactory factory) {
        if (rtsp == factory) {
            rtsp = null;
        }
        // Its bundle closes its sources without a word to their sink: tell ours, so they reconnect
        // (through the next RTSP factory, or into protocol_missing).
        service.rtspGone(factory);
    }

    @Activate
    @Modified
    void activate(Config config) {
        try {
            service.defaults(settings(config));
        } catch (IllegalArgumentException e) {
            LOG.error("ONVIF protocol: bad configuration ({}); using the defaults", e.getMessage());
            service.defaults(OnvifSettings.defaults());
        }
        LOG.info("ONVIF protocol ready: {}", service.defaults());
    }

    static OnvifSettings settings(Config c) {
        return new OnvifSettings(Duration.ofMillis(c.connect_timeout_ms()), Duration.ofMillis(c.request_timeout_ms()),
                Duration.ofMillis(c.resolve_timeout_ms()), c.profile(), c.media(), c.max_response_bytes(),
                c.max_snapshot_bytes(), Duration.ofSeconds(c.session_cache_seconds()), c.rewrite_host(),
                c.insecure_tls());
    }

    /** The platform closes its sources when this service goes, but a bundle stop must not leave threads either. */
    @Deactivate
    void deactivate() {
        service.closeAll();
    }

    @Override
    public StreamSource open(CameraConfig camera, MediaSink sink) {
        return service.open(camera, sink);
    }

    @Override
    public byte[] snapshot(CameraConfig camera, Duration timeout) throws SourceException {
        return service.snapshot(camera, timeout);
    }

    @Override
    public ConnectionTestResult test(CameraConfig camera, Duration timeout) throws SourceException {
        return service.test(camera, timeout);
    }

    @Override
    public void move(CameraConfig camera, double pan, double tilt, double zoom) throws SourceException {
        service.move(camera, pan, tilt, zoom);
    }

    @Override
    public void stop(CameraConfig camera) throws SourceException {
        service.stop(camera);
    }

    @Override
    public List<Preset> presets(CameraConfig camera) throws SourceException {
        return service.presets(camera);
    }

    @Override
    public void gotoPreset(CameraConfig camera, String token) throws SourceException {
        service.gotoPreset(camera, token);
    }
}
