package org.ucv.api.auth;

import java.util.Objects;

/**
 * Who makes a request.
 *
 * @param user the user name ({@code anonymous} for an anonymous viewer)
 * @param role what the user may do
 * @param anonymous true when nobody logged in and {@code anonymous_viewers} let the request in
 */
public record Principal(String user, Role role, boolean anonymous) {
    /** The user name of anonymous viewers. */
    public static final String ANONYMOUS = "anonymous";

    public Principal {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
    }

    /** @return an anonymous viewer */
    public static Principal anonymousViewer() {
        return new Principal(ANONYMOUS, Role.VIEWER, true);
    }

    /**
     * @param needed the role an action needs
     * @return whether this principal may do it
     */
    public boolean may(Role needed) {
        return role.includes(needed);
    }
}
