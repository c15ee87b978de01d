package org.ucv.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ucv.api.camera.CameraListener;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraWriteException;
import org.ucv.api.spi.CameraConfig;

/** Cameras in a map; create and delete apply at once and tell the listeners, like a fast ConfigAdmin. */
final class FakeRegistry implements CameraRegistry {
    final Map<String, CameraConfig> cameras = new TreeMap<>();
    final List<InvalidCamera> invalid = new ArrayList<>();
    final List<CameraListener> listeners = new CopyOnWriteArrayList<>();
    /** Field errors create() answers with; empty = valid. */
    Map<String, String> fieldErrors = Map.of();
    /** When false, create/delete store but the registry does not show the change (ConfigAdmin late). */
    boolean deliver = true;

    FakeRegistry add(CameraConfig camera) {
        cameras.put(camera.id(), camera);
        return this;
    }

    @Override
    public synchronized CameraConfig create(CameraConfig camera) throws CameraWriteException {
        if (!fieldErrors.isEmpty()) {
            throw new CameraWriteException(CameraWriteException.Kind.INVALID, "invalid camera", fieldErrors);
        }
        if (cameras.containsKey(camera.id())) {
            throw new CameraWriteException(CameraWriteException.Kind.CONFLICT, "camera id '" + camera.id() + "' is taken");
        }
        if (deliver) {
            cameras.put(camera.id(), camera);
            listeners.forEach(l -> l.cameraChanged(camera));
        }
        return camera;
    }

    @Override
    public CameraConfig update(CameraConfig camera) throws CameraWriteException {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void delete(String id) throws CameraWriteException {
        if (!cameras.containsKey(id)) {
            throw new CameraWriteException(CameraWriteException.Kind.NOT_FOUND, "no camera '" + id + "'");
        }
        if (deliver) {
            cameras.remove(id);
            listeners.forEach(l -> l.cameraRemoved(id));
        }
    }

    @Override
    public Map<String, String> validate(CameraConfig camera) {
        return fieldErrors;
    }

    @Override
    public synchronized List<CameraConfig> cameras() {
        return List.copyOf(cameras.values());
    }

    @Override
    public synchronized Optional<CameraConfig> camera(String id) {
        return Optional.ofNullable(cameras.get(id));
    }

    @Override
    public List<InvalidCamera> invalid() {
        return List.copyOf(invalid);
    }

    @Override
    public void addListener(CameraListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(CameraListener listener) {
        listeners.remove(listener);
    }
}
