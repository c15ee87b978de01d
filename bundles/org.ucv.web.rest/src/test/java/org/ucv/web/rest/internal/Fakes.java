package org.ucv.web.rest.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.Role;
import org.ucv.api.auth.User;
import org.ucv.api.camera.CameraListener;
import org.ucv.api.camera.CameraRegistry;
import org.ucv.api.camera.CameraState;
import org.ucv.api.camera.CameraWriteException;
import org.ucv.api.camera.CameraWriteException.Kind;
import org.ucv.api.metrics.MetricsService;
import org.ucv.api.metrics.StreamMeter;
import org.ucv.api.metrics.StreamMetrics;
import org.ucv.api.spi.CameraConfig;
import org.ucv.api.spi.ErrorCode;
import org.ucv.api.stream.StreamException;
import org.ucv.api.stream.StreamService;
import org.ucv.api.stream.StreamViewer;
import org.ucv.api.stream.ViewerRequest;
import org.ucv.api.stream.ViewerSession;

/** In-memory stand-ins for the services the API uses. */
final class Fakes {
    private Fakes() {
    }

    /** Sessions by id; anonymous viewing off unless set. */
    static final class Auth implements AuthService {
        final Map<String, Principal> sessions = new HashMap<>();
        boolean anonymous;
        /** Origins besides the request's own that may write. */
        final Set<String> extraOrigins = new java.util.HashSet<>();

        @Override
        public Session login(String user, String password, String address) {
            throw new UnsupportedOperationException("the auth bundle serves login");
        }

        @Override
        public Optional<Principal> session(String sessionId) {
            return Optional.ofNullable(sessions.get(sessionId));
        }

        @Override
        public void logout(String sessionId) {
            sessions.remove(sessionId);
        }

        @Override
        public String issueWsToken(Session session) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Session> redeemWsToken(String token) {
            return Optional.empty();
        }

        @Override
        public Duration wsTokenLifetime() {
            return Duration.ofSeconds(60);
        }

        @Override
        public Duration sessionIdleTimeout() {
            return Duration.ofMinutes(30);
        }

        @Override
        public boolean anonymousViewers() {
            return anonymous;
        }

        @Override
        public boolean originAllowed(String origin, String scheme, String host) {
            return origin == null || origin.equals(scheme + "://" + host) || extraOrigins.contains(origin);
        }

        @Override
        public boolean metricsOpenTo(String address) {
            return false;
        }

        @Override
        public List<User> users() {
            return List.of();
        }

        @Override
        public void addUser(String name, Role role, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setPassword(String name, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changePassword(String name, String oldPassword, String newPassword) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeUser(String name) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * A registry that stores what it is given. Its validation stands in for the registry bundle's
     * (tested there): a URL with user info and an unknown transport are refused.
     */
    static final class Registry implements CameraRegistry {
        final Map<String, CameraConfig> cameras = new TreeMap<>();
        final List<InvalidCamera> invalid = new ArrayList<>();
        final List<String> writes = new ArrayList<>();

        @Override
        public synchronized CameraConfig create(CameraConfig camera) throws CameraWriteException {
            Map<String, String> e = validate(camera);
            if (!e.isEmpty()) {
                throw new CameraWriteException(Kind.INVALID, "invalid", e);
            }
            if (cameras.containsKey(camera.id()) || invalid.stream().anyMatch(i -> camera.id().equals(i.id()))) {
                throw new CameraWriteException(Kind.CONFLICT, "taken");
            }
            cameras.put(camera.id(), camera);
            writes.add("create " + camera.id());
            return camera;
        }

        @Override
        public synchronized CameraConfig update(CameraConfig camera) throws CameraWriteException {
            if (!cameras.containsKey(camera.id())) {
                throw new CameraWriteException(Kind.NOT_FOUND, "no");
            }
            cameras.put(camera.id(), camera);
            writes.add("update " + camera.id());
            return camera;
        }

        @Override
        public synchronized void delete(String id) throws CameraWriteException {
            if (cameras.remove(id) == null) {
                throw new CameraWriteException(Kind.NOT_FOUND, "no");
            }
            writes.add("delete " + id);
        }

        @Override
        public Map<String, String> validate(CameraConfig camera) {
            Map<String, String> e = new LinkedHashMap<>();
            if (camera.protocol().isEmpty()) {
                e.put("protocol", "is required");
            }
            if (camera.url().isPresent() && camera.url().get().contains("@")) {
                e.put("url", "must not hold credentials: put them in username and password");
            }
            if (camera.transport().isPresent() && !Set.of("tcp", "udp", "http").contains(camera.transport().get())) {
                e.put("transport", "must be tcp, udp, http or empty");
            }
            return e;
        }

        @Override
        public synchronized List<CameraConfig> cameras() {
            return List.copyOf(cameras.values());
        }

        @Override
        public synchronized Optional<CameraConfig> camera(String id) {
            return Optional.ofNullable(cameras.get(id));
        }

        @Override
        public List<InvalidCamera> invalid() {
            return invalid;
        }

        @Override
        public void addListener(CameraListener listener) {
        }

        @Override
        public void removeListener(CameraListener listener) {
        }
    }

    /** States by camera; {@link #viewer} decides what an opened viewer gets. */
    static final class Streams implements StreamService {
        final Registry registry;
        final List<StreamInfo> running = new CopyOnWriteArrayList<>();
        /** Called with each opened viewer; may deliver frames or events (or nothing). */
        volatile java.util.function.Consumer<StreamViewer> viewer = v -> { };
        final List<String> opened = new CopyOnWriteArrayList<>();
        final List<String> closed = new CopyOnWriteArrayList<>();

        Streams(Registry registry) {
            this.registry = registry;
        }

        @Override
        public ViewerSession open(String cameraId, ViewerRequest request, StreamViewer v) throws StreamException {
            if (registry.camera(cameraId).isEmpty()) {
                throw new StreamException(ErrorCode.CAMERA_NOT_FOUND, "no camera '" + cameraId + "'");
            }
            opened.add(cameraId + " " + request.quality().wire());
            viewer.accept(v);
            return new ViewerSession() {
                @Override
                public String cameraId() {
                    return cameraId;
                }

                @Override
                public ViewerRequest request() {
                    return request;
                }

                @Override
                public void update(ViewerRequest r) {
                }

                @Override
                public org.ucv.api.metrics.ViewerMetrics metrics() {
                    return null;
                }

                @Override
                public void close() {
                    closed.add(cameraId);
                }
            };
        }

        @Override
        public Set<String> formats() {
            return Set.of("jpeg");
        }

        @Override
        public List<StreamInfo> streams() {
            return List.copyOf(running);
        }

        @Override
        public CameraState state(String cameraId) throws StreamException {
            if (registry.camera(cameraId).isEmpty()) {
                throw new StreamException(ErrorCode.CAMERA_NOT_FOUND, "no camera '" + cameraId + "'");
            }
            return running.stream().filter(s -> s.cameraId().equals(cameraId)).map(StreamInfo::state).findFirst()
                    .orElse(CameraState.IDLE);
        }
    }

    static final class Metrics implements MetricsService {
        final List<StreamMetrics> figures = new CopyOnWriteArrayList<>();

        @Override
        public StreamMeter openStream(String cameraId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StreamMetrics> streams() {
            return List.copyOf(figures);
        }
    }

    /** A request built by a test. */
    static final class Request implements ApiRequest {
        final String method;
        final String path;
        final Map<String, String> headers = new HashMap<>();
        final Map<String, String> cookies = new HashMap<>();
        byte[] body = new byte[0];
        int bodyReads;

        Request(String method, String path) {
            this.method = method;
            this.path = path;
            headers.put("host", "cams.example:8000");
        }

        Request body(String json) {
            body = json.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Request header(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        Request cookie(String name, String value) {
            cookies.put(name, value);
            return this;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String cookie(String name) {
            return cookies.get(name);
        }

        @Override
        public String scheme() {
            return "http";
        }

        @Override
        public byte[] body(int limit) throws ApiException {
            bodyReads++;
            return BodyReader.read(new java.io.ByteArrayInputStream(body), body.length, limit);
        }
    }

}
