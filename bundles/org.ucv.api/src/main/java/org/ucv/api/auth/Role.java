package org.ucv.api.auth;

import java.util.Locale;

/** What a user may do. {@link #ADMIN} includes everything {@link #VIEWER} may do. */
public enum Role {
    /** Watches cameras and reads their state. */
    VIEWER,
    /** Also changes cameras, users and settings. */
    ADMIN;

    /** @return the name as written in JSON and configuration, e.g. {@code admin} */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param needed the role an action needs
     * @return whether this role may do it
     */
    public boolean includes(Role needed) {
        return this == ADMIN || this == needed;
    }

    /**
     * @param text {@code admin} or {@code viewer} (any case)
     * @return the role
     * @throws IllegalArgumentException for anything else, naming the allowed values
     */
    public static Role parse(String text) {
        if (text != null) {
            for (Role role : values()) {
                if (role.wire().equalsIgnoreCase(text.trim())) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("role must be admin or viewer, was '" + text + "'");
    }
}
