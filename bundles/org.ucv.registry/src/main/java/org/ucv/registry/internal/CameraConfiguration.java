package org.ucv.registry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Metatype of one camera, so the Web Console's Configuration page can add and edit cameras.
 * Only describes the properties: {@link CameraParser} reads them, because a {@code .cfg} file or
 * an older configuration may hold values of any type and must be refused with a reason, not
 * coerced.
 */
@ObjectClassDefinition(id = "org.ucv.camera", factoryPid = "org.ucv.camera", name = "UCV camera",
        description = "One camera. Give either a URL or brand/host/port/path/channel/stream.")
@interface CameraConfiguration {
    @AttributeDefinition(name = "Id", description = "Unique camera id: lower case letters, digits, '_' and '-' "
            + "(up to 64, starting with a letter or digit). Used in /ws/stream/{id}.")
    String id();

    @AttributeDefinition(name = "Name", description = "Shown to users; the id when empty.", required = false)
    String name();

    @AttributeDefinition(name = "Protocol", description = "The plugin that streams it, e.g. demo, rtsp, http, onvif.")
    String protocol();

    @AttributeDefinition(name = "URL", description = "The stream URL, e.g. rtsp://192.168.1.20:554/stream1. "
            + "Put credentials in Username/Password, not in the URL.", required = false)
    String url();

    @AttributeDefinition(name = "Brand", description = "The make, for plugins that build the URL themselves.",
            required = false)
    String brand();

    @AttributeDefinition(name = "Host", description = "Host name or address, when no URL is given.", required = false)
    String host();

    @AttributeDefinition(name = "Port", description = "0 for the protocol's default.", min = "0", max = "65535",
            required = false)
    int port() default 0;

    @AttributeDefinition(name = "Path", required = false)
    String path();

    @AttributeDefinition(name = "Channel", required = false)
    String channel();

    @AttributeDefinition(name = "Stream", description = "e.g. main or sub.", required = false)
    String stream();

    @AttributeDefinition(name = "Username", required = false)
    String username();

    /** The leading dot (from the '_') keeps the password out of service properties. */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String _password();

    @AttributeDefinition(name = "Transport", description = "e.g. tcp or udp for RTSP; empty for the default.",
            required = false)
    String transport();

    @AttributeDefinition(name = "Enabled", required = false)
    boolean enabled() default true;

    @AttributeDefinition(name = "Options", description = "Plugin options, one key=value each (e.g. fps=10).",
            required = false)
    String[] options();
}
