package org.ucv.console;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code org.ucv.console}: limits of the console page and the shell commands. A
 * double underscore in a name stands for one underscore ({@code snapshot_timeout_seconds}).
 */
@ObjectClassDefinition(id = "org.ucv.console", name = "UCV console",
        description = "The Web Console's Cameras page and the ucv: shell commands")
@interface ConsoleConfig {
    @AttributeDefinition(name = "Snapshot timeout (s)", min = "1", max = "120",
            description = "The longest a thumbnail or ucv:snapshot waits for a picture")
    int snapshot__timeout__seconds() default 10;

    @AttributeDefinition(name = "Connection test timeout (s)", min = "1", max = "120",
            description = "The longest a Test (page or ucv:test) may take")
    int test__timeout__seconds() default 10;

    @AttributeDefinition(name = "Thumbnail cache (s)", min = "0", max = "600",
            description = "How long a camera's thumbnail is served again before a new one is taken")
    int thumbnail__cache__seconds() default 5;

    @AttributeDefinition(name = "Snapshots at once", min = "1", max = "32",
            description = "Snapshots taken at the same time; more are refused with 503 until one ends")
    int max__parallel__snapshots() default 4;
}
