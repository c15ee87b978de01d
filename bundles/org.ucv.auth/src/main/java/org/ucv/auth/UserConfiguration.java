package org.ucv.auth;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The Metatype of one user, for the Web Console's Configuration page. Only describes the
 * properties: {@link ConfigAdminUsers} reads them and skips ill-formed ones with a warning.
 */
@ObjectClassDefinition(id = ConfigAdminUsers.FACTORY_PID, factoryPid = ConfigAdminUsers.FACTORY_PID, name = "UCV user",
        description = "One user of UCV. Add users and set passwords with the REST API (/api/users) or the Gogo "
                + "command ucv:passwd: the hash cannot be typed here.")
@interface UserConfiguration {
    @AttributeDefinition(name = "Name", description = "The login name.")
    String name();

    @AttributeDefinition(name = "Role", options = {@Option(label = "admin", value = "admin"),
            @Option(label = "viewer", value = "viewer")})
    String role() default "viewer";

    /** PASSWORD type: the console never shows the value. The leading dot keeps it out of service properties. */
    @AttributeDefinition(name = "Password hash", type = AttributeType.PASSWORD,
            description = "PBKDF2 hash (pbkdf2-sha256$iterations$salt$hash), never the password.")
    String _password__hash();
}
