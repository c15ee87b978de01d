package org.ucv.auth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Users in a map, standing in for ConfigAdmin; {@link #saves} counts writes. */
final class MemoryUsers implements UserRepository {
    final Map<String, StoredUser> users = new ConcurrentHashMap<>();
    int saves;

    @Override
    public List<StoredUser> load() {
        return new ArrayList<>(users.values());
    }

    @Override
    public void save(StoredUser user) {
        saves++;
        users.put(user.name(), user);
    }

    @Override
    public void delete(String name) {
        users.remove(name);
    }
}
