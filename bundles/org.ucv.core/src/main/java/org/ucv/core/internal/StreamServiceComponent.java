package org.ucv.core.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Constants;
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
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraState;
import org.ucv.api.convert.FrameConverter;
import org.ucv.api.metrics.MetricsService;
import org.ucv.api.spi.FactoryTable;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;

/**
 * Publishes {@link StreamHub} as the {@link StreamService}. Protocol plugins come and go at run time
 * (a jar dropped into or removed from {@code load/}), hence the dynamic, greedy factory reference.
 */
@Component(service = StreamService.class, configurationPid = StreamServiceComponent.PID)
@Designate(ocd = StreamServiceComponent.Config.class)
public class StreamServiceComponent implements StreamService {
    /** The configuration PID. */
    public static final String PID = "org.ucv.core";

    /** The stream service's settings (a double underscore in a name stands for one underscore). */
    @ObjectClassDefinition(name = "UCV stream service",
            description = "Camera sessions shared by viewers: linger, viewer limit and packet queue.")
    public @interface Config {
        @AttributeDefinition(name = "Linger (ms)", min = "0",
                description = "How long a camera stays connected after its last viewer left.")
        long linger__ms() default 5_000;

        @AttributeDefinition(name = "Max viewers", min = "1",
                description = "The most viewers over all cameras; past it a viewer gets too_many_viewers.")
        int max__viewers() default 100;

        @AttributeDefinition(name = "Packet queue", min = "1",
                description = "Packets a camera may have waiting for decode; more are dropped until the next keyframe.")
        int packet__queue() default 60;
    }

    private final FactoryTable factories = new FactoryTable();
    private final StreamHub hub;

    @Activate
    public StreamServiceComponent(@Reference CameraRegistry registry, @Reference FrameConverter converter,
                                  @Reference MetricsService metrics, Config config) {
        hub = new StreamHub(registry, converter, metrics, factories, settings(config));
        hub.start();
    }

    @Modified
    void modified(Config config) {
        hub.settings(settings(config));
    }

    @Deactivate
    void deactivate() {
        hub.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFactory(StreamSourceFactory factory, Map<String, Object> properties) {
        factories.add(FactoryTable.Entry.of(factory, properties.get(StreamSourceFactory.PROTOCOL_PROPERTY),
                properties.get(Constants.SERVICE_RANKING), properties.get(Constants.SERVICE_ID)));
        hub.factoryAdded();
    }

    void removeFactory(StreamSourceFactory factory) {
        if (factories.remove(factory)) {
            hub.factoryRemoved(factory);
        }
    }

    @Override
    public ViewerSession open(String cameraId, ViewerRequest request, StreamViewer viewer) throws StreamException {
        return hub.open(cameraId, request, viewer);
    }

    @Override
    public Set<String> formats() {
        return hub.formats();
    }

    @Override
    public List<StreamInfo> streams() {
        return hub.streams();
    }

    @Override
    public CameraState state(String cameraId) throws StreamException {
        return hub.state(cameraId);
    }

    private static Settings settings(Config config) {
        return new Settings(config.linger__ms(), config.max__viewers(), config.packet__queue());
    }
}
