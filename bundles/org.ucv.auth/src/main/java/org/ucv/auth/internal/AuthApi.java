package org.ucv.auth.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ucv.api.auth.AuthException;
import org.ucv.api.auth.AuthException.Reason;
import org.ucv.api.auth.AuthService;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.RequestCredentials;
import org.ucv.api.auth.Role;
import org.ucv.api.auth.User;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The endpoints {@code /api/login}, {@code /api/logout}, {@code /api/me},
 * {@code /api/me/password}, {@code /api/ws-token} and {@code /api/users[/...]} (docs/security.md),
 * on plain values: the servlet only copies the request in and the answer out.
 */
public final class AuthApi {
    /** Larger bodies get 413: no request here needs more than a few hundred bytes. */
    public static final int MAX_BODY = 1024 * 1024;
    private static final String USERS = "/api/users";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final LocalAuth auth;

    public AuthApi(LocalAuth auth) {
        this.auth = auth;
    }

    /** @return the answer to one call; never throws for a client's mistake */
    public HttpAnswer handle(HttpCall call) {
        try {
            return route(call);
        } catch (AuthException e) {
            return refusal(e);
        } catch (BadRequest e) {
            return e.answer;
        }
    }

    private HttpAnswer route(HttpCall call) throws AuthException, BadRequest {
        String path = call.path();
        switch (path) {
            case "/api/login":
                allow(call, "POST");
                return login(call);
            case "/api/logout":
                allow(call, "POST");
                return logout(call);
            case "/api/me":
                allow(call, "GET");
                return me(call);
            case "/api/me/password":
                allow(call, "PUT");
                return changePassword(call);
            case "/api/ws-token":
                allow(call, "POST");
                return wsToken(call);
            case USERS:
                allow(call, "GET", "POST");
                requireAdmin(call);
                return call.method().equals("GET") ? listUsers() : addUser(call);
            default:
                break;
        }
        if (path.startsWith(USERS + "/")) {
            String[] parts = path.substring(USERS.length() + 1).split("/", -1);
            if (parts.length == 1 && !parts[0].isEmpty()) {
                allow(call, "GET", "DELETE");
                requireAdmin(call);
                return call.method().equals("GET") ? getUser(parts[0]) : removeUser(parts[0]);
            }
            if (parts.length == 2 && !parts[0].isEmpty() && parts[1].equals("password")) {
                allow(call, "PUT");
                requireAdmin(call);
                return resetPassword(parts[0], call);
            }
        }
        throw new BadRequest(error(404, "invalid_params", "no endpoint " + path, Map.of()));
    }

    private HttpAnswer login(HttpCall call) throws AuthException, BadRequest {
        JsonNode body = body(call);
        String user = text(body, "username");
        String password = text(body, "password");
        boolean token = flag(body, "token");
        AuthService.Session session = auth.login(user, password, call.address());
        ObjectNode answer = principalJson(session.principal());
        if (token) {
            answer.put("token", session.id());
            return HttpAnswer.json(200, answer.toString());
        }
        return HttpAnswer.json(200, answer.toString()).with("Set-Cookie",
                Credentials.sessionCookie(session.id(), call.secure()));
    }

    private HttpAnswer logout(HttpCall call) {
        RequestCredentials.bearer(call.authorization()).ifPresent(auth::logout);
        call.sessionCookies().forEach(auth::logout);
        return HttpAnswer.empty(204).with("Set-Cookie", Credentials.clearedCookie(call.secure()));
    }

    private HttpAnswer me(HttpCall call) throws AuthException {
        Principal principal = viewer(call);
        ObjectNode answer = principalJson(principal);
        answer.put("anonymous", principal.anonymous());
        return HttpAnswer.json(200, answer.toString());
    }

    private HttpAnswer changePassword(HttpCall call) throws AuthException, BadRequest {
        Credentials.Presented presented = loggedIn(call);
        JsonNode body = body(call);
        String oldPassword = text(body, "old_password");
        String newPassword = text(body, "new_password");
        String user = presented.principal().user();
        auth.changePassword(user, oldPassword, newPassword, call.address());
        // Every session of the user just ended, this one too: a browser gets a fresh cookie so
        // it stays logged in; a bearer token is simply gone (the script logs in again).
        HttpAnswer answer = HttpAnswer.empty(204);
        if (presented.fromCookie()) {
            AuthService.Session fresh = auth.openSession(presented.principal());
            answer = answer.with("Set-Cookie", Credentials.sessionCookie(fresh.id(), call.secure()));
        }
        return answer;
    }

    private HttpAnswer wsToken(HttpCall call) throws AuthException {
        // The token carries the session, so a socket opened with it ends when the session does.
        Optional<Credentials.Presented> presented = Credentials.resolve(auth, call.authorization(), call.sessionCookies());
        AuthService.Session session;
        if (presented.isPresent()) {
            session = new AuthService.Session(presented.get().sessionId(), presented.get().principal());
        } else if (auth.anonymousViewers()) {
            session = new AuthService.Session(null, Principal.anonymousViewer());
        } else {
            throw new AuthException(Reason.BAD_CREDENTIALS, "log in first (POST /api/login)");
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("token", auth.issueWsToken(session));
        answer.put("expires_in_seconds", auth.wsTokenLifetime().toSeconds());
        return HttpAnswer.json(200, answer.toString());
    }

    private HttpAnswer listUsers() {
        ArrayNode list = JSON.createArrayNode();
        for (User user : auth.users()) {
            list.add(userJson(user));
        }
        return HttpAnswer.json(200, list.toString());
    }

    private HttpAnswer getUser(String name) throws AuthException {
        for (User user : auth.users()) {
            if (user.name().equals(name)) {
                return HttpAnswer.json(200, userJson(user).toString());
            }
        }
        throw new AuthException(Reason.NO_SUCH_USER, "no user '" + name + "'");
    }

    private HttpAnswer addUser(HttpCall call) throws AuthException, BadRequest {
        JsonNode body = body(call);
        String name = text(body, "name");
        String roleText = text(body, "role");
        String password = text(body, "password");
        Role role;
        try {
            role = Role.parse(roleText);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("role", "must be admin or viewer");
        }
        auth.addUser(name, role, password);
        return HttpAnswer.json(201, userJson(new User(name, role)).toString()).with("Location", USERS + "/" + name);
    }

    private HttpAnswer resetPassword(String name, HttpCall call) throws AuthException, BadRequest {
        JsonNode body = body(call);
        auth.setPassword(name, text(body, "password"));
        return HttpAnswer.empty(204);
    }

    private HttpAnswer removeUser(String name) throws AuthException {
        auth.removeUser(name);
        return HttpAnswer.empty(204);
    }

    /** @return the caller if logged in, else an anonymous viewer when those are allowed */
    private Principal viewer(HttpCall call) throws AuthException {
        Optional<Credentials.Presented> presented = Credentials.resolve(auth, call.authorization(), call.sessionCookies());
        if (presented.isPresent()) {
            return presented.get().principal();
        }
        if (auth.anonymousViewers()) {
            return Principal.anonymousViewer();
        }
        throw new AuthException(Reason.BAD_CREDENTIALS, "log in first (POST /api/login)");
    }

    private Credentials.Presented loggedIn(HttpCall call) throws AuthException {
        return Credentials.resolve(auth, call.authorization(), call.sessionCookies())
                .orElseThrow(() -> new AuthException(Reason.BAD_CREDENTIALS, "log in first (POST /api/login)"));
    }

    private void requireAdmin(HttpCall call) throws AuthException {
        Principal principal = loggedIn(call).principal();
        if (!principal.may(Role.ADMIN)) {
            throw new AuthException(Reason.FORBIDDEN, "only an admin may manage users");
        }
    }

    private static void allow(HttpCall call, String... methods) throws BadRequest {
        for (String method : methods) {
            if (method.equals(call.method())) {
                return;
            }
        }
        String allowed = String.join(", ", methods);
        throw new BadRequest(error(405, "invalid_params", call.method() + " is not allowed here; use " + allowed, Map.of())
                .with("Allow", allowed));
    }

    private static JsonNode body(HttpCall call) throws BadRequest {
        if (call.body().length > MAX_BODY) {
            throw new BadRequest(error(413, "invalid_params", "body too large (at most 1 MiB)", Map.of()));
        }
        JsonNode body;
        try {
            body = call.body().length == 0 ? null : JSON.readTree(call.body());
        } catch (JsonProcessingException e) {
            // Jackson's own text quotes the offending input, which may be a password: give the place only.
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new BadRequest(error(400, "invalid_json", "the body is not valid JSON" + where, Map.of()));
        } catch (IOException e) {
            throw new BadRequest(error(400, "invalid_json", "the body cannot be read", Map.of()));
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest(error(400, "invalid_json", "the body must be a JSON object", Map.of()));
        }
        return body;
    }

    private static String text(JsonNode body, String field) throws BadRequest {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new BadRequest(error(400, "invalid_params", field + " is missing", Map.of(field, "is required")));
        }
        if (!value.isTextual()) {
            throw new BadRequest(error(400, "invalid_params", field + " must be a string", Map.of(field, "must be a string")));
        }
        return value.textValue();
    }

    private static boolean flag(JsonNode body, String field) throws BadRequest {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new BadRequest(error(400, "invalid_params", field + " must be true or false",
                    Map.of(field, "must be true or false")));
        }
        return value.booleanValue();
    }

    private static ObjectNode principalJson(Principal principal) {
        ObjectNode node = JSON.createObjectNode();
        node.put("user", principal.user());
        node.put("role", principal.role().wire());
        return node;
    }

    private static ObjectNode userJson(User user) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", user.name());
        node.put("role", user.role().wire());
        return node;
    }

    /** @return the answer for a refused operation, with the headers its status needs */
    public static HttpAnswer refusal(AuthException e) {
        Map<String, String> fields = e instanceof InvalidFieldException invalid
                ? Map.of(invalid.field(), invalid.problem()) : Map.of();
        HttpAnswer answer = error(e.reason().status(), e.reason().code(), e.getMessage(), fields);
        if (e.reason() == Reason.THROTTLED) {
            answer = answer.with("Retry-After", Long.toString(AuthCore.seconds(e.retryAfter())));
        }
        if (e.reason().status() == 401) {
            answer = answer.with("WWW-Authenticate", "Bearer realm=\"ucv\"");
        }
        return answer;
    }

    /** @return the error answer of PROTOCOL.md: {@code {"error":{"code","message","fields"}}} */
    public static HttpAnswer error(int status, String code, String message, Map<String, String> fields) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode fieldNode = error.putObject("fields");
        fields.forEach(fieldNode::put);
        return HttpAnswer.json(status, root.toString());
    }

    /** A client mistake found while reading the request, with its answer ready. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient HttpAnswer answer;

        BadRequest(HttpAnswer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    /** @return the paths the servlet must be registered for */
    public static List<String> patterns() {
        return List.of("/api/login", "/api/logout", "/api/me", "/api/me/password", "/api/ws-token", USERS, USERS + "/*");
    }
}
