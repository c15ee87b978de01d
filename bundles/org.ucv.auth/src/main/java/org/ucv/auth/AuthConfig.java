package org.ucv.auth;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code org.ucv.auth} configuration (docs/security.md). A double underscore in a method name
 * stands for one underscore in the property name.
 */
@ObjectClassDefinition(name = "UCV login and access",
        description = "Sessions, WebSocket tokens, anonymous viewing, allowed WebSocket origins and login throttling.")
@interface AuthConfig {
    @AttributeDefinition(name = "Session idle timeout (s)", description = "A login session ends after this many "
            + "seconds without a request.", min = "1", max = "604800")
    int session__idle__seconds() default 1800;

    @AttributeDefinition(name = "WebSocket token lifetime (s)", description = "How long a token from "
            + "POST /api/ws-token stays valid (it works once).", min = "1", max = "3600")
    int ws__token__seconds() default 60;

    @AttributeDefinition(name = "Anonymous viewers", description = "Let clients that did not log in watch "
            + "cameras and read their state (WebSocket, GET of cameras/streams/protocols/snapshots, /metrics, "
            + "/health). Nothing can be changed without login. Off by default.")
    boolean anonymous__viewers() default false;

    @AttributeDefinition(name = "Allowed WebSocket origins", description = "Web origins besides the server's own "
            + "whose pages may open the WebSocket, e.g. https://example.org:8443; * allows any.", required = false)
    String[] allowed__origins() default {};

    @AttributeDefinition(name = "Metrics open on loopback", description = "Let /metrics and /health be read "
            + "without login from 127.0.0.1 and ::1 (a local Prometheus).")
    boolean metrics__open__loopback() default false;

    @AttributeDefinition(name = "Free login failures", description = "Wrong passwords for one user from one "
            + "address before each further attempt must wait (1 s, doubling).", min = "0", max = "1000")
    int login__free__failures() default 5;

    @AttributeDefinition(name = "Free login failures per address", description = "Wrong passwords from one "
            + "address, whatever the user, before each further attempt must wait.", min = "0", max = "100000")
    int login__address__free__failures() default 100;

    @AttributeDefinition(name = "Longest login delay (s)", description = "The cap of the doubling delay.",
            min = "1", max = "900")
    int login__max__delay__seconds() default 60;
}
