package org.ucv.console;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.ucv.api.auth.AuthService;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.metrics.MetricsService;
import org.ucv.api.spi.FactoryTable;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.api.stream.StreamService;
import org.ucv.console.internal.CameraTools;
import org.ucv.console.internal.Commands;
import org.ucv.console.internal.Passwords;

/**
 * The Gogo commands of scope {@code ucv} (docs/console.md). Thin: each command hands its arguments
 * to {@link Commands} and returns the text for the shell to print. The shell is the server's own
 * console, so whoever types here is the operator: no login is asked.
 */
@Component(service = UcvCommands.class, configurationPid = "org.ucv.console", property = {
        "osgi.command.scope=ucv",
        "osgi.command.function=cameras", "osgi.command.function=streams", "osgi.command.function=add",
        "osgi.command.function=remove", "osgi.command.function=test", "osgi.command.function=snapshot",
        "osgi.command.function=users", "osgi.command.function=useradd", "osgi.command.function=userdel",
        "osgi.command.function=passwd"})
public final class UcvCommands {
    private final FactoryTable factories = new FactoryTable();
    private final Commands commands;
    /** Optional: the camera commands work without the auth bundle, the user commands say it is missing. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthService auth;

    @Activate
    public UcvCommands(@Reference CameraRegistry registry, @Reference StreamService streams,
                       @Reference MetricsService metrics, ConsoleConfig config) {
        CameraTools tools = new CameraTools(registry, streams, factories, new CameraTools.Settings(
                Duration.ofSeconds(config.snapshot__timeout__seconds()), Duration.ofSeconds(config.test__timeout__seconds()),
                config.max__parallel__snapshots()));
        Passwords passwords = new Passwords(new SecureRandom());
        commands = new Commands(registry, streams, metrics, tools, () -> Optional.ofNullable(auth), passwords::next);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFactory(StreamSourceFactory factory, Map<String, Object> properties) {
        factories.add(FactoryTable.Entry.of(factory, properties.get(StreamSourceFactory.PROTOCOL_PROPERTY),
                properties.get(Constants.SERVICE_RANKING), properties.get(Constants.SERVICE_ID)));
    }

    void removeFactory(StreamSourceFactory factory) {
        factories.remove(factory);
    }

    @Descriptor("list the cameras: id, name, protocol, state, viewers, fps and URL (user info masked)")
    public String cameras() {
        return commands.cameras();
    }

    @Descriptor("list the running camera sessions: viewers, renditions, fps, latency, dropped packets, last error")
    public String streams() {
        return commands.streams();
    }

    @Descriptor("add a camera, e.g. ucv:add door rtsp rtsp://10.0.0.5/stream1 username=admin password=secret")
    public String add(@Descriptor("camera id: a-z 0-9 _ -") String id,
                      @Descriptor("protocol, e.g. rtsp, http, demo") String protocol,
                      @Descriptor("stream URL without credentials, or - for none") String url,
                      @Descriptor("key=value: name, username, password, transport, enabled, option.<key>") String... settings) {
        return commands.add(id, protocol, url, settings);
    }

    @Descriptor("delete a camera (a .cfg file it came from is deleted too)")
    public String remove(@Descriptor("camera id") String id) {
        return commands.remove(id);
    }

    @Descriptor("test a camera's connection through its plugin")
    public String test(@Descriptor("camera id") String id) {
        return commands.test(id);
    }

    @Descriptor("write one JPEG of a camera to a file")
    public String snapshot(CommandSession session, @Descriptor("camera id") String id,
                           @Descriptor("file to write, relative to the shell's directory") String file) {
        Path path = Path.of(file);
        Path dir = session == null ? null : session.currentDir();
        return commands.snapshot(id, path.isAbsolute() || dir == null ? path : dir.resolve(path));
    }

    @Descriptor("list the users and their roles")
    public String users() {
        return commands.users();
    }

    @Descriptor("add a user with a generated password, printed once")
    public String useradd(@Descriptor("user name") String name, @Descriptor("admin or viewer") String role) {
        return commands.useradd(name, role);
    }

    @Descriptor("delete a user and end their sessions")
    public String userdel(@Descriptor("user name") String name) {
        return commands.userdel(name);
    }

    @Descriptor("reset a user's password to a generated one, printed once")
    public String passwd(@Descriptor("user name") String name) {
        return commands.passwd(name);
    }
}
