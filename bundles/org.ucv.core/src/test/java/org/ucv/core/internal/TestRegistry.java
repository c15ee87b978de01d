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
    /** Runs once, right after the next lookup by id has read the camera (a change racing the reader). */
    private volatile Runnable afterNextLookup;

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

    @Override
    public CameraConfig create(CameraConfig camera) {
        put(camera);
        return camera;
    }

    @Override
    public CameraConfig update(CameraConfig camera) {
        put(camera);
        return camera;
    }

    @Override
    public void delete(String id) {
        remove(id);
    }

    @Override
    public Map<String, String> validate(CameraConfig camera) {
        return Map.of();
    }

    int listenerCount() {
        return listeners.size();
    }

    @Override
    public synchronized List<CameraConfig> cameras() {
        return new ArrayList<>(cameras.values());
    }

    void afterNextLookup(Runnable change) {
        afterNextLookup = change;
    }

    @Override
    public Optional<CameraConfig> camera(String id) {
        CameraConfig found;
        synchronized (this) {
            found = cameras.get(id);
        }
        Runnable change = afterNextLookup;
        afterNextLookup = null;
        if (change != null) {
            change.run();
        }
        return Optional.ofNullable(found);
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
