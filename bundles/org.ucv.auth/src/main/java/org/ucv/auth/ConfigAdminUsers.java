package org.ucv.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.auth.Role;
import org.ucv.auth.internal.PasswordHasher;
import org.ucv.auth.internal.StoredUser;
import org.ucv.auth.internal.UserRepository;

/**
 * Users as factory configurations of {@value #FACTORY_PID}, one per user, named after the user
 * ({@code org.ucv.user~bob}), so a name can exist only once and a restart finds the same users
 * (ConfigAdmin persists them in conf/cm). Read with {@code listConfigurations}, which answers from
 * ConfigAdmin's store at once: no waiting for an asynchronous delivery that may not have happened
 * yet, which is what keeps the first-start check from creating a second admin.
 */
final class ConfigAdminUsers implements UserRepository {
    static final String FACTORY_PID = "org.ucv.user";
    static final String NAME = "name";
    static final String ROLE = "role";
    /** The leading dot keeps the hash out of service properties if anything ever binds this PID. */
    static final String PASSWORD_HASH = ".password_hash";
    /** Created unbound ("?"): any bundle may read and bind it, as with configurations from files. */
    private static final String ANY_LOCATION = "?";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigAdminUsers.class);

    private final ConfigurationAdmin configAdmin;

    ConfigAdminUsers(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    @Override
    public List<StoredUser> load() {
        List<StoredUser> users = new ArrayList<>();
        for (Configuration configuration : configurations()) {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                continue;
            }
            Object name = properties.get(NAME);
            Object role = properties.get(ROLE);
            Object hash = properties.get(PASSWORD_HASH);
            if (!(name instanceof String n) || n.isBlank()) {
                LOG.warn("User configuration {} has no name: ignored", configuration.getPid());
                continue;
            }
            Role parsed;
            try {
                parsed = Role.parse(role instanceof String r ? r : null);
            } catch (IllegalArgumentException e) {
                LOG.warn("User '{}' ({}): {}; ignored", n, configuration.getPid(), e.getMessage());
                continue;
            }
            if (!(hash instanceof String h) || !PasswordHasher.wellFormed(h)) {
                LOG.warn("User '{}' ({}) has no valid {} ({}$iterations$salt$hash): ignored", n,
                        configuration.getPid(), PASSWORD_HASH, PasswordHasher.SCHEME);
                continue;
            }
            users.add(new StoredUser(n, parsed, h));
        }
        return users;
    }

    @Override
    public void save(StoredUser user) {
        try {
            List<Configuration> existing = named(user.name());
            Configuration configuration = existing.isEmpty()
                    ? configAdmin.getFactoryConfiguration(FACTORY_PID, user.name(), ANY_LOCATION)
                    : existing.get(0);
            // Start from what is there: a user from a .cfg file keeps FileInstall's file name, so
            // the change is written back to that file.
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                properties = new Hashtable<>();
            }
            properties.put(NAME, user.name());
            properties.put(ROLE, user.role().wire());
            properties.put(PASSWORD_HASH, user.passwordHash());
            configuration.update(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store user '" + user.name() + "' in ConfigAdmin", e);
        }
    }

    @Override
    public void delete(String name) {
        try {
            for (Configuration configuration : named(name)) {
                configuration.delete();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete user '" + name + "' from ConfigAdmin", e);
        }
    }

    private List<Configuration> named(String name) {
        List<Configuration> found = new ArrayList<>();
        for (Configuration configuration : configurations()) {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties != null && name.equals(properties.get(NAME))) {
                found.add(configuration);
            }
        }
        return found;
    }

    private Configuration[] configurations() {
        try {
            Configuration[] all = configAdmin.listConfigurations("(service.factoryPid=" + FACTORY_PID + ")");
            return all == null ? new Configuration[0] : all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read users from ConfigAdmin", e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
