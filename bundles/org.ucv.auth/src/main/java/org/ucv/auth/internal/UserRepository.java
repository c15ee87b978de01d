package org.ucv.auth.internal;

import java.util.List;

/**
 * Where users are kept (ConfigAdmin in the running bundle, a map in tests). Writes are
 * synchronous: when a call returns, {@link #load()} sees the change.
 */
public interface UserRepository {
    /**
     * @return every stored user that can be read; ill-formed entries are skipped (and logged by
     *         the implementation), names may repeat (the caller decides)
     */
    List<StoredUser> load();

    /** Creates or replaces the user of that name. */
    void save(StoredUser user);

    /** Removes the user of that name; nothing when there is none. */
    void delete(String name);
}
