package org.ucv.registry.internal;

import java.time.Duration;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.ucv.api.camera.CameraListener;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraWriteException;
import org.ucv.api.spi.CameraConfig;

/**
 * The target of the {@value CameraRegistry#FACTORY_PID} factory configurations (their Metatype is
 * {@link CameraConfiguration}) and the registry other bundles read and write. Immediate, so
 * ConfigAdmin delivers the cameras at start rather than when someone first asks for the registry.
 */
@Component(service = {CameraRegistry.class, ManagedServiceFactory.class}, immediate = true,
        property = "service.pid=" + CameraRegistry.FACTORY_PID)
public class CameraRegistryComponent implements CameraRegistry, ManagedServiceFactory {
    /** ConfigAdmin delivers in milliseconds; a write that waits longer answers anyway (logged). */
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(5);

    private final CameraTable table = new CameraTable();
    private final CameraWriter writer;

    @Activate
    public CameraRegistryComponent(@Reference ConfigurationAdmin cm) {
        this.writer = new CameraWriter(cm, table, DELIVERY_WAIT);
    }

    @Override
    public String getName() {
        return "UCV cameras";
    }

    @Override
    public void updated(String pid, Dictionary<String, ?> properties) {
        table.update(pid, properties);
    }

    @Override
    public void deleted(String pid) {
        table.delete(pid);
    }

    @Override
    public CameraConfig create(CameraConfig camera) throws CameraWriteException {
        return writer.create(camera);
    }

    @Override
    public CameraConfig update(CameraConfig camera) throws CameraWriteException {
        return writer.update(camera);
    }

    @Override
    public void delete(String id) throws CameraWriteException {
        writer.delete(id);
    }

    @Override
    public Map<String, String> validate(CameraConfig camera) {
        return writer.validate(camera);
    }

    @Override
    public List<CameraConfig> cameras() {
        return table.cameras();
    }

    @Override
    public Optional<CameraConfig> camera(String id) {
        return table.camera(id);
    }

    @Override
    public List<InvalidCamera> invalid() {
        return table.invalid();
    }

    @Override
    public void addListener(CameraListener listener) {
        table.addListener(listener);
    }

    @Override
    public void removeListener(CameraListener listener) {
        table.removeListener(listener);
    }
}
