package org.ucv.auth.internal;

import org.ucv.api.auth.Role;
import org.ucv.api.auth.User;

/**
 * A user as stored: the name, the role and the password hash (never the password).
 *
 * @param name the login name
 * @param role what the user may do
 * @param passwordHash from {@link PasswordHasher#hash}
 */
public record StoredUser(String name, Role role, String passwordHash) {
    /** @return the user as shown to admins, without the hash */
    public User toUser() {
        return new User(name, role);
    }

    @Override
    public String toString() {
        // Records print every field: keep the hash out of any log line that prints a user.
        return "StoredUser[name=" + name + ", role=" + role.wire() + "]";
    }
}
