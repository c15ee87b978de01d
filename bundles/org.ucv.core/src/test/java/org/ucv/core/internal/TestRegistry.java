package org.ucv.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ucv.api.camera.CameraListener;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.spi.CameraConfig;

/** Cameras in memory; listeners are told on the calling thread, as the real registry may do. */
final class TestRegistry implements CameraRegistry {
    private final Map<String, CameraConfig> cameras = new TreeMap<>();
    private final List<CameraListener> listeners = new CopyOnWriteArrayList<>();

    void put(CameraConfig camera) {
        synchronized (this) {
            cameras.put(camera.id(), camera);
        }
        listeners.forEach(l -> l.cameraChanged(camera));
    }

    void remove(String id) {
        synchronized (this) {
            cameras.remove(id);
        }
        listeners.forEach(l -> l.cameraRemoved(id));
    }

    int listenerCount() {
        return listeners.size();
    }

    @Override
    public synchronized List<CameraConfig> cameras() {
        return new ArrayList<>(cameras.values());
    }

    @Override
    public synchronized Optional<CameraConfig> camera(String id) {
        return Optional.ofNullable(cameras.get(id));
    }

    @Override
    public List<InvalidCamera> invalid() {
        return List.of();
    }

    @Override
    public void addListener(CameraListener listener) {
        listeners.add(listener);
        cameras().forEach(listener::cameraChanged);
    }

    @Override
    public void removeListener(CameraListener listener) {
        listeners.remove(listener);
    }
}
