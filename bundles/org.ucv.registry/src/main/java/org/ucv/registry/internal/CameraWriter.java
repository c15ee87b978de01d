package org.ucv.registry.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ReadOnlyConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraWriteException;
import org.ucv.api.camera.CameraWriteException.Kind;
import org.ucv.api.spi.CameraConfig;

/**
 * Stores cameras as {@value CameraRegistry#FACTORY_PID} factory configurations, the same kind a
 * {@code .cfg} file or the Web Console makes, so they survive a restart and show on the console.
 *
 * <p>Writes are serialised, so two writers cannot both take one id. Each write waits (bounded) until
 * ConfigAdmin has delivered it back to the {@link CameraTable}: a client that reads right after its
 * write then sees it. A camera that came from a file in {@code load/} keeps FileInstall's link to
 * it ({@value #FILE_PROPERTY}), so FileInstall writes an update back into the file, and deleting the
 * camera deletes the file, which would otherwise bring it back at the next start.
 */
final class CameraWriter {
    private static final Logger LOG = LoggerFactory.getLogger(CameraWriter.class);
    /** Set by FileInstall on the configurations it made from files: the file's URI. */
    static final String FILE_PROPERTY = "felix.fileinstall.filename";
    /** Any bundle may receive the configuration (the registry may be updated to a new location). */
    private static final String ANY_LOCATION = "?";

    private final ConfigurationAdmin cm;
    private final CameraTable table;
    private final Duration deliveryWait;
    private final Object writeLock = new Object();

    /**
     * @param cm where configurations are stored
     * @param table the registry's table, which ConfigAdmin updates
     * @param deliveryWait how long a write waits for ConfigAdmin to deliver it to the table
     */
    CameraWriter(ConfigurationAdmin cm, CameraTable table, Duration deliveryWait) {
        this.cm = cm;
        this.table = table;
        this.deliveryWait = deliveryWait;
    }

    CameraConfig create(CameraConfig camera) throws CameraWriteException {
        synchronized (writeLock) {
            checkValid(camera);
            if (taken(camera.id())) {
                throw new CameraWriteException(Kind.CONFLICT, "camera id '" + camera.id() + "' is already taken");
            }
            Hashtable<String, Object> props = CameraParser.properties(camera);
            CameraConfig stored = reread(props);
            try {
                Configuration config = cm.createFactoryConfiguration(CameraRegistry.FACTORY_PID, ANY_LOCATION);
                config.update(props);
                LOG.info("Camera '{}' created as configuration {}: {}", camera.id(), config.getPid(), stored);
            } catch (IOException e) {
                throw storage(camera.id(), "create", e);
            }
            awaitDelivery(camera.id(), c -> c.isPresent() && c.get().equals(stored));
            return stored;
        }
    }

    CameraConfig update(CameraConfig camera) throws CameraWriteException {
        synchronized (writeLock) {
            checkValid(camera);
            Configuration config = configuration(camera.id());
            Hashtable<String, Object> props = CameraParser.properties(camera);
            CameraConfig stored = reread(props);
            try {
                Dictionary<String, Object> old = config.getProperties();
                Object file = old == null ? null : old.get(FILE_PROPERTY);
                if (file != null) {
                    props.put(FILE_PROPERTY, file);
                }
                config.update(props);
                LOG.info("Camera '{}' updated (configuration {}{}): {}", camera.id(), config.getPid(),
                        file != null ? ", written back to " + file : "", stored);
            } catch (ReadOnlyConfigurationException e) {
                throw new CameraWriteException(Kind.STORAGE, "camera '" + camera.id()
                        + "' is read-only: its file in load/ is not writable; edit the file instead");
            } catch (IOException | IllegalStateException e) {
                throw storage(camera.id(), "update", e);
            }
            awaitDelivery(camera.id(), c -> c.isPresent() && c.get().equals(stored));
            return stored;
        }
    }

    void delete(String id) throws CameraWriteException {
        synchronized (writeLock) {
            Configuration config = configuration(id);
            String pid = config.getPid();
            Object file;
            try {
                Dictionary<String, Object> old = config.getProperties();
                file = old == null ? null : old.get(FILE_PROPERTY);
                config.delete();
            } catch (IOException | IllegalStateException e) {
                throw storage(id, "delete", e);
            }
            LOG.info("Camera '{}' deleted (configuration {})", id, pid);
            if (file != null) {
                deleteFile(id, file);
            }
            awaitDelivery(id, Optional::isEmpty);
        }
    }

    Map<String, String> validate(CameraConfig camera) {
        return CameraValidator.validate(camera);
    }

    private static void checkValid(CameraConfig camera) throws CameraWriteException {
        Map<String, String> errors = CameraValidator.validate(camera);
        if (!errors.isEmpty()) {
            throw new CameraWriteException(Kind.INVALID, "camera '" + camera.id() + "' is not valid: " + errors, errors);
        }
    }

    /** The camera as the table will hold it once delivered: values trimmed, protocol in lower case. */
    private static CameraConfig reread(Hashtable<String, Object> props) throws CameraWriteException {
        try {
            return CameraParser.parse(props);
        } catch (InvalidCameraException e) {
            // The validator is stricter than the parser, so this means the two disagree: a bug.
            throw new CameraWriteException(Kind.INVALID, e.getMessage(), Map.of(e.field(), e.getMessage()));
        }
    }

    /**
     * An id is taken when a configuration the table knows claims it, or when ConfigAdmin holds one
     * that was not delivered yet (just written by the console or a file).
     */
    private boolean taken(String id) throws CameraWriteException {
        if (table.claimed(id)) {
            return true;
        }
        // The id matched CameraConfig.ID_PATTERN, so it holds no filter syntax.
        return list("(&(service.factoryPid=" + CameraRegistry.FACTORY_PID + ")(" + CameraParser.ID + "=" + id + "))",
                id).length > 0;
    }

    /** @return the configuration that holds the camera now */
    private Configuration configuration(String id) throws CameraWriteException {
        Optional<String> pid = table.pidOf(id);
        if (pid.isPresent()) {
            Configuration[] found = list("(service.pid=" + escape(pid.get()) + ")", id);
            if (found.length > 0) {
                return found[0];
            }
        }
        throw new CameraWriteException(Kind.NOT_FOUND, "no camera with id '" + id + "'");
    }

    private Configuration[] list(String filter, String id) throws CameraWriteException {
        try {
            Configuration[] found = cm.listConfigurations(filter);
            return found == null ? new Configuration[0] : found;
        } catch (IOException | InvalidSyntaxException e) {
            throw storage(id, "look up", e);
        }
    }

    /**
     * Deletes the {@code .cfg} file a camera came from. FileInstall usually deletes it too when it
     * sees the configuration go; doing it here as well covers a FileInstall that did not know the
     * file yet. Only configuration files are touched, whatever the property names.
     */
    private static void deleteFile(String id, Object file) throws CameraWriteException {
        Path path;
        try {
            path = Path.of(URI.create(String.valueOf(file)));
        } catch (IllegalArgumentException e) {
            LOG.warn("Camera '{}': its file property '{}' is not a file URI; no file deleted", id, file);
            return;
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!name.endsWith(".cfg") && !name.endsWith(".config")) {
            LOG.warn("Camera '{}': {} is not a configuration file; not deleted", id, path);
            return;
        }
        try {
            if (Files.deleteIfExists(path)) {
                LOG.info("Camera '{}': deleted its file {}", id, path);
            }
        } catch (IOException e) {
            throw new CameraWriteException(Kind.STORAGE, "camera '" + id + "' was deleted but its file " + path
                    + " could not be (" + e.getMessage() + "): delete it, or the camera comes back at the next start");
        }
    }

    private void awaitDelivery(String id, Predicate<Optional<CameraConfig>> wanted) {
        try {
            if (!table.await(id, wanted, deliveryWait)) {
                LOG.warn("Camera '{}': ConfigAdmin has not delivered the change within {} ms; it applies when it does",
                        id, deliveryWait.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CameraWriteException storage(String id, String action, Exception e) {
        LOG.error("Camera '{}': ConfigAdmin failed to {} its configuration", id, action, e);
        return new CameraWriteException(Kind.STORAGE, "camera '" + id + "': the configuration store failed to "
                + action + " it (" + e.getClass().getSimpleName() + ")");
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
