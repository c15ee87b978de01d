package org.ucv.registry.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ReadOnlyConfigurationException;

/**
 * An in-memory ConfigurationAdmin that delivers to a {@link CameraTable} as Felix's does: on a thread
 * of its own, after {@code update()} has returned. Only what the registry uses is implemented.
 */
final class FakeConfigAdmin implements ConfigurationAdmin, AutoCloseable {
    private final CameraTable target;
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> new Thread(r, "ucv-test-cm"));
    final Map<String, FakeConfig> configs = Collections.synchronizedMap(new LinkedHashMap<>());
    /** When false, changes are stored but never delivered (a slow or stuck ConfigAdmin). */
    volatile boolean delivering = true;
    private int next;

    FakeConfigAdmin(CameraTable target) {
        this.target = target;
    }

    /** Stores a configuration as FileInstall or the console would, and delivers it. */
    FakeConfig put(String factoryPid, Hashtable<String, Object> props) throws IOException {
        FakeConfig c = (FakeConfig) createFactoryConfiguration(factoryPid, "?");
        c.update(props);
        return c;
    }

    /** Waits until every delivery queued so far has run. */
    void settle() throws Exception {
        delivery.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }

    @Override
    public synchronized Configuration createFactoryConfiguration(String factoryPid, String location) {
        FakeConfig c = new FakeConfig(factoryPid + "." + (next++), factoryPid);
        configs.put(c.pid, c);
        return c;
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid) {
        return createFactoryConfiguration(factoryPid, null);
    }

    @Override
    public Configuration[] listConfigurations(String filter) throws InvalidSyntaxException {
        Filter f = filter == null ? null : FrameworkUtil.createFilter(filter);
        List<Configuration> found = new ArrayList<>();
        synchronized (configs) {
            for (FakeConfig c : configs.values()) {
                if (c.props != null && (f == null || f.match(c.props))) {
                    found.add(c);
                }
            }
        }
        return found.isEmpty() ? null : found.toArray(new Configuration[0]);
    }

    @Override
    public Configuration getConfiguration(String pid, String location) {
        throw new UnsupportedOperationException("the registry never creates a configuration by PID");
    }

    @Override
    public Configuration getConfiguration(String pid) {
        throw new UnsupportedOperationException("the registry never creates a configuration by PID");
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name, String location) {
        throw new UnsupportedOperationException("not used by the registry");
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name) {
        throw new UnsupportedOperationException("not used by the registry");
    }

    final class FakeConfig implements Configuration {
        final String pid;
        final String factoryPid;
        volatile Hashtable<String, Object> props;
        volatile boolean readOnly;
        volatile boolean deleted;

        FakeConfig(String pid, String factoryPid) {
            this.pid = pid;
            this.factoryPid = factoryPid;
        }

        @Override
        public String getPid() {
            return pid;
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            return props == null ? null : new Hashtable<>(props);
        }

        @Override
        public Dictionary<String, Object> getProcessedProperties(ServiceReference<?> reference) {
            return getProperties();
        }

        @Override
        public void update(Dictionary<String, ?> properties) throws IOException {
            if (deleted) {
                throw new IllegalStateException("configuration " + pid + " was deleted");
            }
            if (readOnly) {
                throw new ReadOnlyConfigurationException("configuration " + pid + " is read-only");
            }
            Hashtable<String, Object> copy = new Hashtable<>();
            for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                copy.put(k, properties.get(k));
            }
            copy.put("service.pid", pid);
            copy.put("service.factoryPid", factoryPid);
            props = copy;
            Hashtable<String, Object> delivered = new Hashtable<>(copy);
            if (delivering) {
                delivery.execute(() -> target.update(pid, delivered));
            }
        }

        @Override
        public void delete() {
            deleted = true;
            configs.remove(pid);
            if (delivering) {
                delivery.execute(() -> target.delete(pid));
            }
        }

        @Override
        public String getFactoryPid() {
            return factoryPid;
        }

        @Override
        public void update() {
            throw new UnsupportedOperationException("not used by the registry");
        }

        @Override
        public boolean updateIfDifferent(Dictionary<String, ?> properties) {
            throw new UnsupportedOperationException("not used by the registry");
        }

        @Override
        public void setBundleLocation(String location) {
            throw new UnsupportedOperationException("not used by the registry");
        }

        @Override
        public String getBundleLocation() {
            return "?";
        }

        @Override
        public long getChangeCount() {
            return 0;
        }

        @Override
        public void addAttributes(ConfigurationAttribute... attrs) {
            throw new UnsupportedOperationException("not used by the registry");
        }

        @Override
        public Set<ConfigurationAttribute> getAttributes() {
            return readOnly ? EnumSet.of(ConfigurationAttribute.READ_ONLY) : EnumSet.noneOf(ConfigurationAttribute.class);
        }

        @Override
        public void removeAttributes(ConfigurationAttribute... attrs) {
            throw new UnsupportedOperationException("not used by the registry");
        }
    }
}
