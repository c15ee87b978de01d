package org.ucv.api.auth;

/**
 * A user as listed to admins: never the password or its hash.
 *
 * @param name the login name
 * @param role what the user may do
 */
public record User(String name, Role role) {
}
