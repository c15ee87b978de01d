package org.ucv.web.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.RequestCredentials;
import org.ucv.api.auth.Role;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraWriteException;
import org.ucv.api.metrics.MetricsService;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ConnectionTester.ConnectionTestResult;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.spi.PtzCapable;
import org.ucv.api.spi.SnapshotCapable;
import org.ucv.api.spi.SourceException;
import org.ucv.api.spi.StreamSourceFactory;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamService.StreamInfo;
import org.ucv.web.rest.internal.CameraDrafts.Draft;
import org.ucv.web.rest.internal.Router.Match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The REST API under {@code /api} but the login endpoints: who may do what, and every endpoint's
 * work, on plain request and response objects so it is tested without a servlet container.
 *
 * <p>Every request needs a principal: a session cookie, a bearer token, or the anonymous viewer when
 * anonymous viewing is on. Reads need a viewer, writes an admin (an anonymous writer is told to log
 * in: 401; a logged-in viewer is refused: 403). A write from a browser page of another origin is
 * refused. Passwords are write-only: never answered, never logged.
 */
public final class RestApi {
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final String CHALLENGE = "Bearer realm=\"ucv\"";
    /** Another writer may take a generated id between the check and the store; that many tries. */
    private static final int GENERATED_ID_TRIES = 5;

    /**
     * @param maxBodyBytes the largest request body accepted
     * @param cameraTimeout the most a connection test, snapshot or PTZ call may take
     * @param discoveryMax the longest discovery a request may ask for
     */
    public record Settings(int maxBodyBytes, Duration cameraTimeout, Duration discoveryMax) {
    }

    private final CameraRegistry registry;
    private final StreamService streams;
    private final MetricsService metrics;
    private final AuthService auth;
    private final Plugins plugins;
    private final ExecutorService discoveryPool;
    private final Settings settings;
    private final byte[] openApi;

    public RestApi(CameraRegistry registry, StreamService streams, MetricsService metrics, AuthService auth,
                   Plugins plugins, ExecutorService discoveryPool, Settings settings) {
        this.registry = registry;
        this.streams = streams;
        this.metrics = metrics;
        this.auth = auth;
        this.plugins = plugins;
        this.discoveryPool = discoveryPool;
        this.settings = settings;
        this.openApi = openApiDocument();
    }

    /** @return the OpenAPI document shipped with this bundle */
    static byte[] openApiDocument() {
        try (InputStream in = RestApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read openapi.json", e);
        }
    }

    /**
     * @param req the request
     * @return the answer; never throws for a bad request
     */
    public ApiResponse handle(ApiRequest req) {
        try {
            Principal principal = authenticate(req);
            Match match = Router.match(req.method(), req.path());
            authorize(principal, match.route(), req);
            return dispatch(match, principal, req);
        } catch (ApiException e) {
            return Json.response(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Json.response(new ApiException(503, ErrorCode.INTERNAL, "the server is stopping"));
        } catch (RuntimeException e) {
            LOG.error("REST {} {} failed", req.method(), Router.safe(req.path()), e);
            return Json.response(new ApiException(500, ErrorCode.INTERNAL,
                    "internal error (" + e.getClass().getSimpleName() + "); see the server log"));
        }
    }

    private Principal authenticate(ApiRequest req) throws ApiException {
        String cookie = req.cookie(AuthService.SESSION_COOKIE);
        if (cookie != null && !cookie.isEmpty()) {
            Optional<Principal> p = auth.session(cookie);
            if (p.isPresent()) {
                return p.get();
            }
        }
        Optional<String> bearer = RequestCredentials.bearer(req.header("Authorization"));
        if (bearer.isPresent()) {
            Optional<Principal> p = auth.session(bearer.get());
            if (p.isPresent()) {
                return p.get();
            }
        }
        if (auth.anonymousViewers()) {
            return Principal.anonymousViewer();
        }
        throw unauthorized("log in first: POST /api/login, then send the ucv_session cookie or an "
                + "'Authorization: Bearer <token>' header");
    }

    private void authorize(Principal p, Route route, ApiRequest req) throws ApiException {
        if (!p.may(route.role())) {
            if (p.anonymous()) {
                throw unauthorized(route.method() + " " + route.template() + " needs an admin: log in first");
            }
            throw new ApiException(403, ErrorCode.FORBIDDEN, "user '" + p.user() + "' (" + p.role().wire()
                    + ") may not " + route.method() + " " + route.template() + "; it needs an admin");
        }
        String origin = req.header("Origin");
        if (!"GET".equals(route.method()) && origin != null
                && !auth.originAllowed(origin, req.scheme(), req.header("Host"))) {
            throw new ApiException(403, ErrorCode.FORBIDDEN, "a write from a page of another origin ("
                    + Router.safe(origin) + ") is refused");
        }
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, ErrorCode.UNAUTHORIZED, message, null, Map.of("WWW-Authenticate", CHALLENGE));
    }

    private ApiResponse dispatch(Match m, Principal p, ApiRequest req) throws ApiException, InterruptedException {
        return switch (m.route()) {
            case LIST_CAMERAS -> ok(listCameras());
            case CREATE_CAMERA -> create(req, p);
            case TEST_DRAFT -> testDraft(req);
            case GET_CAMERA -> ok(cameraJson(existing(m.id()), streams.streams()));
            case REPLACE_CAMERA -> update(req, p, m.id(), false);
            case PATCH_CAMERA -> update(req, p, m.id(), true);
            case DELETE_CAMERA -> delete(m.id(), p);
            case TEST_CAMERA -> testCamera(req, m.id());
            case SNAPSHOT -> snapshot(m.id());
            case PTZ -> ptz(req, p, m.id());
            case PTZ_PRESETS -> presets(m.id());
            case DISCOVERY -> discovery(req, p);
            case STREAMS -> ok(StreamListJson.write(redacted(streams.streams()), metrics.streams()));
            case PROTOCOLS -> ok(ProtocolsJson.write(plugins.factories(), plugins.providers()));
            case OPENAPI -> ApiResponse.json(200, openApi);
        };
    }

    private static ApiResponse ok(JsonNode body) {
        return ApiResponse.json(200, Json.bytes(body));
    }

    // ---- cameras ----

    private ArrayNode listCameras() {
        List<StreamInfo> sessions = streams.streams();
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (CameraConfig c : registry.cameras()) {
            list.add(cameraJson(c, sessions));
        }
        return list;
    }

    private ObjectNode cameraJson(CameraConfig c, List<StreamInfo> sessions) {
        String state;
        try {
            state = streams.state(c.id()).wire();
        } catch (StreamException e) {
            // camera_not_found: deleted since it was read.
            state = null;
        }
        // Optional.map, not Stream.map: a running session without an error has a null lastError.
        String lastError = sessions.stream().filter(s -> s.cameraId().equals(c.id())).findFirst()
                .map(StreamInfo::lastError).orElse(null);
        return CameraJson.write(c, state, lastError);
    }

    private List<StreamInfo> redacted(List<StreamInfo> sessions) {
        return sessions.stream().map(s -> {
            Optional<CameraConfig> c = registry.camera(s.cameraId());
            String err = c.isPresent() ? c.get().redact(s.lastError()) : CameraConfig.maskUserInfo(s.lastError());
            return new StreamInfo(s.cameraId(), s.state(), s.viewers(), s.renditions(), err);
        }).toList();
    }

    private CameraConfig existing(String id) throws ApiException {
        return registry.camera(id).orElseThrow(() -> ApiException.cameraNotFound(id));
    }

    private boolean taken(String id) {
        return registry.camera(id).isPresent() || registry.invalid().stream().anyMatch(i -> id.equals(i.id()));
    }

    private ObjectNode body(ApiRequest req) throws ApiException {
        return Json.parseObject(req.body(settings.maxBodyBytes()));
    }

    private ObjectNode optionalBody(ApiRequest req) throws ApiException {
        return Json.parseOptionalObject(req.body(settings.maxBodyBytes()));
    }

    /** Adds the registry's checks to the request's own; refuses the camera when any failed. */
    private void checkDraft(Draft d) throws ApiException {
        Map<String, String> errors = new LinkedHashMap<>(d.errors());
        registry.validate(d.camera()).forEach(errors::putIfAbsent);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private ApiResponse create(ApiRequest req, Principal p) throws ApiException {
        CameraInput in = CameraInput.parse(body(req));
        boolean generatedId = in.text(CameraInput.ID) == null;
        Predicate<String> taken = this::taken;
        for (int attempt = 1; ; attempt++) {
            Draft d = CameraDrafts.create(in, taken);
            checkDraft(d);
            try {
                CameraConfig stored = registry.create(d.camera());
                LOG.info("Camera '{}' created by {} via REST", stored.id(), p.user());
                return ApiResponse.json(201, Json.bytes(cameraJson(stored, streams.streams())))
                        .with("Location", "/api/cameras/" + stored.id());
            } catch (CameraWriteException e) {
                if (e.kind() == CameraWriteException.Kind.CONFLICT && generatedId && attempt < GENERATED_ID_TRIES) {
                    String lost = d.camera().id();
                    taken = taken.or(lost::equals);
                    continue;
                }
                throw writeFailed(e, d.camera().id());
            }
        }
    }

    private ApiResponse update(ApiRequest req, Principal p, String id, boolean merge) throws ApiException {
        CameraInput in = CameraInput.parse(body(req));
        CameraConfig existing = existing(id);
        Draft d = merge ? CameraDrafts.merge(existing, in) : CameraDrafts.replace(existing, in);
        checkDraft(d);
        try {
            CameraConfig stored = registry.update(d.camera());
            LOG.info("Camera '{}' {} by {} via REST", id, merge ? "patched" : "replaced", p.user());
            return ok(cameraJson(stored, streams.streams()));
        } catch (CameraWriteException e) {
            throw writeFailed(e, id);
        }
    }

    private ApiResponse delete(String id, Principal p) throws ApiException {
        try {
            registry.delete(id);
        } catch (CameraWriteException e) {
            throw writeFailed(e, id);
        }
        LOG.info("Camera '{}' deleted by {} via REST", id, p.user());
        return ApiResponse.noContent();
    }

    private static ApiException writeFailed(CameraWriteException e, String id) {
        return switch (e.kind()) {
            case INVALID -> ApiException.invalid(e.fields().isEmpty() ? Map.of("camera", e.getMessage()) : e.fields());
            case NOT_FOUND -> ApiException.cameraNotFound(id);
            case CONFLICT -> new ApiException(409, ErrorCode.INVALID_PARAMS, "camera id '" + id
                    + "' is already taken; choose another id", Map.of("id", "is already taken"), null);
            case STORAGE -> new ApiException(500, ErrorCode.INTERNAL, e.getMessage());
        };
    }

    // ---- camera operations ----

    private ApiResponse testDraft(ApiRequest req) throws ApiException, InterruptedException {
        Draft d = CameraDrafts.create(CameraInput.parse(body(req)), id -> false);
        checkDraft(d);
        return test(d.camera());
    }

    private ApiResponse testCamera(ApiRequest req, String id) throws ApiException, InterruptedException {
        ObjectNode changes = optionalBody(req);
        CameraConfig camera = existing(id);
        if (!changes.isEmpty()) {
            // The camera as edited but not saved: fields not given, the password included, are the stored ones.
            Draft d = CameraDrafts.merge(camera, CameraInput.parse(changes));
            checkDraft(d);
            camera = d.camera();
        }
        return test(camera);
    }

    private ApiResponse test(CameraConfig camera) throws ApiException, InterruptedException {
        StreamSourceFactory factory = factory(camera);
        try {
            ConnectionTestResult r = ConnectionProbe.test(factory, camera, settings.cameraTimeout());
            ObjectNode o = Json.object();
            o.put("ok", true);
            o.put("camera_id", camera.id());
            o.put("elapsed_ms", r.elapsed() == null ? 0 : r.elapsed().toMillis());
            o.put("codec", r.codec() == null ? null : r.codec().name().toLowerCase(Locale.ROOT));
            o.put("detail", camera.redact(r.detail()));
            return ok(o);
        } catch (SourceException e) {
            throw cameraFailed(camera, e);
        }
    }

    private ApiResponse snapshot(String id) throws ApiException, InterruptedException {
        CameraConfig camera = existing(id);
        if (!camera.enabled()) {
            throw new ApiException(502, ErrorCode.CAMERA_UNREACHABLE, "camera '" + id
                    + "' is disabled in its configuration");
        }
        byte[] jpeg;
        try {
            Optional<StreamSourceFactory> factory = plugins.best(camera.protocol());
            if (factory.isPresent() && factory.get() instanceof SnapshotCapable s) {
                jpeg = s.snapshot(camera, settings.cameraTimeout());
            } else {
                jpeg = FrameGrab.grab(streams, id, settings.cameraTimeout());
            }
        } catch (SourceException e) {
            throw cameraFailed(camera, e);
        } catch (RuntimeException e) {
            LOG.error("Camera '{}': the snapshot failed: {}", id, plugInFailure(camera, e));
            throw new ApiException(502, ErrorCode.INTERNAL, camera.redact("the snapshot of camera '" + id
                    + "' failed: " + e));
        }
        if (jpeg == null || jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
            throw new ApiException(502, ErrorCode.NOT_A_STREAM, "camera '" + id + "' answered the snapshot with "
                    + "something that is not a JPEG");
        }
        return new ApiResponse(200, "image/jpeg", jpeg, Map.of());
    }

    private ApiResponse ptz(ApiRequest req, Principal p, String id) throws ApiException {
        PtzCommand cmd = PtzCommand.parse(body(req));
        CameraConfig camera = existing(id);
        PtzCapable ptz = ptzOf(camera);
        try {
            switch (cmd.action()) {
                case MOVE -> ptz.move(camera, cmd.pan(), cmd.tilt(), cmd.zoom());
                case STOP -> ptz.stop(camera);
                case GOTO_PRESET -> ptz.gotoPreset(camera, cmd.preset());
            }
        } catch (SourceException e) {
            if (e.code() == ErrorCode.INVALID_PARAMS && cmd.action() == PtzCommand.Action.GOTO_PRESET) {
                throw ApiException.invalid("preset", camera.redact(e.getMessage()));
            }
            throw cameraFailed(camera, e);
        } catch (RuntimeException e) {
            LOG.error("Camera '{}': PTZ {} failed: {}", id, cmd.action(), plugInFailure(camera, e));
            throw new ApiException(502, ErrorCode.INTERNAL, camera.redact("PTZ of camera '" + id + "' failed: " + e));
        }
        LOG.debug("Camera '{}': PTZ {} by {}", id, cmd.action(), p.user());
        return ApiResponse.noContent();
    }

    private ApiResponse presets(String id) throws ApiException {
        CameraConfig camera = existing(id);
        PtzCapable ptz = ptzOf(camera);
        List<PtzCapable.Preset> presets;
        try {
            presets = ptz.presets(camera);
        } catch (SourceException e) {
            throw cameraFailed(camera, e);
        } catch (RuntimeException e) {
            LOG.error("Camera '{}': reading PTZ presets failed: {}", id, plugInFailure(camera, e));
            throw new ApiException(502, ErrorCode.INTERNAL, camera.redact("PTZ presets of camera '" + id
                    + "' failed: " + e));
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (PtzCapable.Preset preset : presets) {
            ObjectNode o = list.addObject();
            o.put("token", preset.token());
            o.put("name", preset.name());
        }
        return ok(list);
    }

    private PtzCapable ptzOf(CameraConfig camera) throws ApiException {
        StreamSourceFactory factory = factory(camera);
        if (factory instanceof PtzCapable ptz) {
            return ptz;
        }
        throw new ApiException(400, ErrorCode.INVALID_PARAMS, "camera '" + camera.id() + "': the "
                + camera.protocol() + " plugin has no PTZ", Map.of("protocol", "'" + camera.protocol()
                + "' has no PTZ control"), null);
    }

    private StreamSourceFactory factory(CameraConfig camera) throws ApiException {
        return plugins.best(camera.protocol()).orElseThrow(() -> new ApiException(502, ErrorCode.PROTOCOL_MISSING,
                "no installed plugin serves protocol '" + camera.protocol() + "' of camera '" + camera.id() + "'"));
    }

    /**
     * A plugin's unexpected exception, for the log: its text redacted (it may quote a URL with the
     * camera's credentials) and where it was thrown, instead of a stack trace that would hold the text.
     */
    private static String plugInFailure(CameraConfig camera, RuntimeException e) {
        StackTraceElement[] at = e.getStackTrace();
        return camera.redact(String.valueOf(e)) + (at.length > 0 ? " at " + at[0] : "");
    }

    /** A camera's failure: bad input to the camera is the client's (400), anything else the camera's (502). */
    private static ApiException cameraFailed(CameraConfig camera, SourceException e) {
        String message = camera.redact(e.getMessage());
        if (e.code() == ErrorCode.INVALID_PARAMS) {
            return new ApiException(400, ErrorCode.INVALID_PARAMS, message);
        }
        return new ApiException(502, e.code(), message);
    }

    // ---- discovery ----

    private ApiResponse discovery(ApiRequest req, Principal p) throws ApiException, InterruptedException {
        DiscoveryRequest d = DiscoveryRequest.parse(optionalBody(req), settings.discoveryMax());
        LOG.info("Discovery for {} ms{} by {}", d.timeout().toMillis(), d.host() != null ? " of " + d.host() : "",
                p.user());
        return ok(DiscoveryRun.run(plugins.providers(), d, discoveryPool));
    }
}
