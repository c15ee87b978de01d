package org.ucv.console.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.ucv.api.auth.AuthException;
import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.Role;
import org.ucv.api.auth.User;
import org.ucv.api.camera.CameraListener;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraWriteException;
import org.ucv.api.metrics.MetricsService;
import org.ucv.api.metrics.StreamMetrics;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.stream.Quality;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamService.StreamInfo;
import org.ucv.api.stream.ViewerRequest;

/**
 * The logic of the {@code ucv:} shell commands. Each returns the text to print: a table, a line
 * saying what was done, or an error as one line starting with {@code Error:} (no stack trace for
 * a user's mistake). Passwords are never printed, except a generated one, once, to the admin who
 * asked for it.
 */
public final class Commands {
    /** How long add and remove wait for the registry to show the change, so the next command sees it. */
    static final Duration REGISTRY_WAIT = Duration.ofSeconds(3);
    /** The full picture at high quality: a snapshot written to a file is for looking at closely. */
    static final ViewerRequest SNAPSHOT_REQUEST = new ViewerRequest(Quality.HIGH, 5, "jpeg", 0);

    private final CameraRegistry registry;
    private final StreamService streams;
    private final MetricsService metrics;
    private final CameraTools tools;
    private final Supplier<Optional<AuthService>> auth;
    private final Supplier<String> passwords;

    /**
     * @param auth the user service, when the auth bundle runs
     * @param passwords makes the passwords of {@link #useradd} and {@link #passwd}
     */
    public Commands(CameraRegistry registry, StreamService streams, MetricsService metrics, CameraTools tools,
                    Supplier<Optional<AuthService>> auth, Supplier<String> passwords) {
        this.registry = registry;
        this.streams = streams;
        this.metrics = metrics;
        this.tools = tools;
        this.auth = auth;
        this.passwords = passwords;
    }

    /** {@code ucv:cameras}: every camera with state, viewers, fps and masked URL. */
    public String cameras() {
        List<CameraRow> rows = CameraOverview.rows(registry, streams, metrics, Set.of());
        if (rows.isEmpty()) {
            return "No camera is configured.\n";
        }
        Table table = new Table("ID", "NAME", "PROTOCOL", "STATE", ">VIEWERS", ">FPS", "URL");
        StringBuilder refused = new StringBuilder();
        for (CameraRow row : rows) {
            if (row.valid()) {
                table.row(row.id(), row.name(), row.protocol(), row.state(), row.viewers(), fps(row.fps()), row.address());
            } else {
                table.row(row.id() == null ? "?" : row.id(), null, null, row.state(), null, null, null);
                refused.append("  ").append(row.pid()).append(": ").append(row.lastError()).append('\n');
            }
        }
        return refused.isEmpty() ? table.render() : table.render() + "Refused configurations:\n" + refused;
    }

    /** {@code ucv:streams}: the running camera sessions and their figures. */
    public String streams() {
        List<StreamInfo> running = streams.streams();
        if (running.isEmpty()) {
            return "No stream is running.\n";
        }
        Map<String, StreamMetrics> figures = new HashMap<>();
        for (StreamMetrics m : metrics.streams()) {
            figures.put(m.cameraId(), m);
        }
        Table table = new Table("CAMERA", "STATE", ">VIEWERS", ">RENDITIONS", ">FPS", ">LATENCY", ">DROPPED",
                "LAST ERROR");
        for (StreamInfo info : running.stream().sorted((a, b) -> a.cameraId().compareTo(b.cameraId())).toList()) {
            StreamMetrics m = figures.get(info.cameraId());
            table.row(info.cameraId(), info.state().wire(), info.viewers(), info.renditions(),
                    m == null ? null : fps(m.inputFps()),
                    m == null ? null : String.format(Locale.ROOT, "%.0f ms", m.latencyMs()),
                    m == null ? null : m.droppedPackets(), redact(info.cameraId(), info.lastError()));
        }
        return table.render();
    }

    /** {@code ucv:add <id> <protocol> <url> [key=value ...]}. */
    public String add(String id, String protocol, String url, String... settings) {
        CameraConfig camera;
        try {
            camera = CameraSettings.parse(id, protocol, url, settings);
        } catch (IllegalArgumentException | NullPointerException e) {
            return error(e.getMessage());
        }
        try {
            registry.create(camera);
        } catch (CameraWriteException e) {
            return refused("Camera '" + id + "' not added", camera, e);
        }
        boolean shown = awaitRegistry(id, true);
        return "Camera '" + id + "' added (protocol " + camera.protocol() + ")."
                + (shown ? "" : " The registry has not listed it yet; check the log if it does not appear.") + "\n";
    }

    /** {@code ucv:remove <id>}. */
    public String remove(String id) {
        try {
            registry.delete(id);
        } catch (CameraWriteException e) {
            return refused("Camera '" + id + "' not removed", null, e);
        }
        awaitRegistry(id, false);
        return "Camera '" + id + "' removed.\n";
    }

    /** {@code ucv:test <id>}: the plugin's connection test. */
    public String test(String id) {
        CameraTools.TestResult result = tools.test(id);
        return (result.outcome() == CameraTools.Outcome.FAILED ? "Error: " : "") + result.text() + "\n";
    }

    /** {@code ucv:snapshot <id> <file>}: writes one JPEG. */
    public String snapshot(String id, Path file) {
        byte[] jpeg;
        try {
            jpeg = tools.snapshot(id, SNAPSHOT_REQUEST).jpeg();
        } catch (ToolException e) {
            return error(id + ": " + e.describe());
        }
        try {
            Files.write(file, jpeg);
        } catch (IOException e) {
            return error("cannot write " + file + ": " + e);
        }
        String size = JpegSize.of(jpeg).map(s -> ", " + s.width() + "x" + s.height()).orElse("");
        return "Wrote " + file + " (" + jpeg.length + " bytes" + size + ").\n";
    }

    /** {@code ucv:users}: every user with their role. */
    public String users() {
        Optional<AuthService> service = auth.get();
        if (service.isEmpty()) {
            return noAuth();
        }
        Table table = new Table("NAME", "ROLE");
        for (User user : service.get().users()) {
            table.row(user.name(), user.role().wire());
        }
        return table.size() == 0 ? "No user.\n" : table.render();
    }

    /** {@code ucv:useradd <name> <role>}: adds a user with a generated password, printed once. */
    public String useradd(String name, String role) {
        Optional<AuthService> service = auth.get();
        if (service.isEmpty()) {
            return noAuth();
        }
        try {
            Role parsed = Role.parse(role);
            String password = passwords.get();
            service.get().addUser(name, parsed, password);
            return "User '" + name + "' (" + parsed.wire() + ") added. Password, shown only now: " + password + "\n";
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        } catch (AuthException e) {
            return error(authMessage(e));
        }
    }

    /** {@code ucv:passwd <name>}: an admin reset to a generated password, printed once. */
    public String passwd(String name) {
        Optional<AuthService> service = auth.get();
        if (service.isEmpty()) {
            return noAuth();
        }
        try {
            String password = passwords.get();
            service.get().setPassword(name, password);
            return "Password of '" + name + "' reset; their sessions ended. New password, shown only now: "
                    + password + "\n";
        } catch (AuthException e) {
            return error(authMessage(e));
        }
    }

    /** {@code ucv:userdel <name>}. */
    public String userdel(String name) {
        Optional<AuthService> service = auth.get();
        if (service.isEmpty()) {
            return noAuth();
        }
        try {
            service.get().removeUser(name);
            return "User '" + name + "' removed.\n";
        } catch (AuthException e) {
            return error(authMessage(e));
        }
    }

    private String redact(String cameraId, String text) {
        return registry.camera(cameraId).map(c -> c.redact(text)).orElseGet(() -> CameraConfig.maskUserInfo(text));
    }

    /**
     * The registry stores a change and ConfigAdmin delivers it a moment later: wait (bounded) until
     * the registry shows it, so that {@code ucv:cameras} right after lists the change.
     *
     * @return whether the registry showed the change in time
     */
    private boolean awaitRegistry(String id, boolean present) {
        CountDownLatch seen = new CountDownLatch(1);
        CameraListener listener = new CameraListener() {
            @Override
            public void cameraChanged(CameraConfig camera) {
                if (present && camera.id().equals(id)) {
                    seen.countDown();
                }
            }

            @Override
            public void cameraRemoved(String cameraId) {
                if (!present && cameraId.equals(id)) {
                    seen.countDown();
                }
            }
        };
        registry.addListener(listener);
        try {
            if (registry.camera(id).isPresent() == present) {
                return true;
            }
            return seen.await(REGISTRY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            registry.removeListener(listener);
        }
    }

    private static String refused(String what, CameraConfig camera, CameraWriteException e) {
        String message = camera == null ? CameraConfig.maskUserInfo(e.getMessage()) : camera.redact(e.getMessage());
        return switch (e.kind()) {
            case INVALID -> {
                StringBuilder out = new StringBuilder("Error: ").append(what).append(": ")
                        .append(e.fields().isEmpty() ? message : "invalid settings").append('\n');
                for (Map.Entry<String, String> field : new TreeMap<>(e.fields()).entrySet()) {
                    String text = camera == null ? field.getValue() : camera.redact(field.getValue());
                    out.append("  ").append(field.getKey()).append(": ").append(text).append('\n');
                }
                yield out.toString();
            }
            case NOT_FOUND -> error(what + ": no such camera");
            case CONFLICT -> error(what + ": the id is taken");
            case STORAGE -> error(what + ": " + message);
        };
    }

    private static String authMessage(AuthException e) {
        return e.getMessage() == null || e.getMessage().isBlank()
                ? e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') : e.getMessage();
    }

    private static String noAuth() {
        return error("user management is not available (the org.ucv.auth bundle is not running)");
    }

    private static String fps(Double fps) {
        return fps == null ? null : String.format(Locale.ROOT, "%.1f", fps);
    }

    private static String error(String text) {
        return "Error: " + text + "\n";
    }
}
