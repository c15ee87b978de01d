package org.ucv.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ucv.api.auth.AuthService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class AuthApiTest {
    private static final String ADMIN_PASSWORD = "admin-secret-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock();
    private final List<String> bodies = new ArrayList<>();
    private AuthCore core;
    private AuthApi api;

    @BeforeEach
    void setUp() {
        core = new AuthCore(new MemoryUsers(), new PasswordHasher(1_000, new SecureRandom()), clock, new SecureRandom(),
                Settings.DEFAULTS);
        core.ensureAdmin(ADMIN_PASSWORD, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        api = new AuthApi(core);
    }

    private HttpAnswer call(String method, String path, String body, String cookie, String authorization, boolean secure) {
        HttpAnswer answer = api.handle(new HttpCall(method, path, cookie == null ? List.of() : List.of(cookie),
                authorization, "198.51.100.4", secure, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
        bodies.add(String.valueOf(answer.json()) + answer.headers());
        return answer;
    }

    private HttpAnswer call(String method, String path, String body, String cookie) {
        return call(method, path, body, cookie, null, false);
    }

    private static JsonNode json(HttpAnswer answer) throws Exception {
        return JSON.readTree(answer.json());
    }

    private String loginCookie(String user, String password) {
        HttpAnswer answer = call("POST", "/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null);
        assertEquals(200, answer.status(), answer.json());
        String cookie = answer.header("Set-Cookie");
        return cookie.substring("ucv_session=".length(), cookie.indexOf(';'));
    }

    @Test
    void loginSetsASessionCookieWithTheRequiredFlags() throws Exception {
        HttpAnswer answer = call("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null);
        assertEquals(200, answer.status());
        assertEquals("admin", json(answer).get("user").asText());
        assertEquals("admin", json(answer).get("role").asText());
        String cookie = answer.header("Set-Cookie");
        assertTrue(cookie.matches("ucv_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict"), cookie);

        HttpAnswer secure = call("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}",
                null, null, true);
        assertTrue(secure.header("Set-Cookie").endsWith("; Secure"), secure.header("Set-Cookie"));
    }

    @Test
    void aTokenLoginAnswersTheTokenAndSetsNoCookie() throws Exception {
        HttpAnswer answer = call("POST", "/api/login",
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\",\"token\":true}", null);
        assertEquals(200, answer.status());
        assertNull(answer.header("Set-Cookie"));
        String token = json(answer).get("token").asText();
        HttpAnswer me = call("GET", "/api/me", null, null, "Bearer " + token, false);
        assertEquals(200, me.status());
        assertFalse(json(me).get("anonymous").asBoolean());
    }

    @Test
    void wrongPasswordIs401WithAChallenge() throws Exception {
        HttpAnswer answer = call("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"wrong-one\"}", null);
        assertEquals(401, answer.status());
        assertEquals("unauthorized", json(answer).at("/error/code").asText());
        assertEquals("Bearer realm=\"ucv\"", answer.header("WWW-Authenticate"));
        assertNull(answer.header("Set-Cookie"));
    }

    @Test
    void tenWrongPasswordsThen429WithRetryAfterEvenForTheRightOne() throws Exception {
        for (int i = 0; i < 10; i++) {
            int status = call("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"wrong-one\"}", null).status();
            assertTrue(status == 401 || (i >= 5 && status == 429), "attempt " + (i + 1) + ": " + status);
        }
        HttpAnswer answer = call("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null);
        assertEquals(429, answer.status());
        assertEquals("unauthorized", json(answer).at("/error/code").asText());
        assertTrue(Long.parseLong(answer.header("Retry-After")) >= 1);
    }

    @Test
    void meIs401WithoutLoginUnlessAnonymousViewersAreOn() throws Exception {
        assertEquals(401, call("GET", "/api/me", null, null).status());
        assertEquals(401, call("GET", "/api/me", null, "made-up-session").status());
        assertEquals(401, call("POST", "/api/ws-token", null, null).status());
        core.configure(Settings.of(1800, 60, true, List.of(), false, 5, 100, 60));
        JsonNode me = json(call("GET", "/api/me", null, null));
        assertEquals("anonymous", me.get("user").asText());
        assertEquals("viewer", me.get("role").asText());
        assertTrue(me.get("anonymous").asBoolean());
        HttpAnswer token = call("POST", "/api/ws-token", null, null);
        assertEquals(200, token.status());
        assertEquals(401, call("GET", "/api/users", null, null).status(), "anonymous viewers manage nothing");
    }

    @Test
    void anIdleSessionExpires() {
        String session = loginCookie("admin", ADMIN_PASSWORD);
        assertEquals(200, call("GET", "/api/me", null, session).status());
        clock.advance(Duration.ofMinutes(31));
        assertEquals(401, call("GET", "/api/me", null, session).status());
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        String session = loginCookie("admin", ADMIN_PASSWORD);
        HttpAnswer answer = call("POST", "/api/logout", null, session);
        assertEquals(204, answer.status());
        assertTrue(answer.header("Set-Cookie").startsWith("ucv_session=; Path=/; Max-Age=0"));
        assertEquals(401, call("GET", "/api/me", null, session).status());
        assertEquals(204, call("POST", "/api/logout", null, null).status());
    }

    @Test
    void wsTokenForALoggedInUser() throws Exception {
        String session = loginCookie("admin", ADMIN_PASSWORD);
        JsonNode token = json(call("POST", "/api/ws-token", null, session));
        assertEquals(60, token.get("expires_in_seconds").asInt());
        AuthService.Session redeemed = core.redeemWsToken(token.get("token").asText()).orElseThrow();
        assertEquals("admin", redeemed.principal().user());
        assertEquals(session, redeemed.id(), "the token remembers the session it came from");
    }

    @Test
    void onlyAdminsManageUsers() throws Exception {
        String admin = loginCookie("admin", ADMIN_PASSWORD);
        HttpAnswer created = call("POST", "/api/users", "{\"name\":\"bob\",\"role\":\"viewer\",\"password\":\"bob-secret-1\"}", admin);
        assertEquals(201, created.status(), created.json());
        assertEquals("/api/users/bob", created.header("Location"));
        assertEquals("{\"name\":\"bob\",\"role\":\"viewer\"}", created.json());
        assertEquals(409, call("POST", "/api/users", "{\"name\":\"bob\",\"role\":\"viewer\",\"password\":\"bob-secret-1\"}", admin).status());

        String bob = loginCookie("bob", "bob-secret-1");
        HttpAnswer refused = call("POST", "/api/users", "{\"name\":\"eve\",\"role\":\"admin\",\"password\":\"eve-secret-1\"}", bob);
        assertEquals(403, refused.status());
        assertEquals("forbidden", json(refused).at("/error/code").asText());
        assertEquals(403, call("GET", "/api/users", null, bob).status());
        assertEquals(403, call("DELETE", "/api/users/admin", null, bob).status());
        assertEquals(401, call("GET", "/api/users", null, null).status());

        JsonNode list = json(call("GET", "/api/users", null, admin));
        assertEquals("[{\"name\":\"admin\",\"role\":\"admin\"},{\"name\":\"bob\",\"role\":\"viewer\"}]", list.toString());
        assertEquals("{\"name\":\"bob\",\"role\":\"viewer\"}", call("GET", "/api/users/bob", null, admin).json());
        assertEquals(404, call("GET", "/api/users/nobody", null, admin).status());

        assertEquals(204, call("PUT", "/api/users/bob/password", "{\"password\":\"bob-secret-2\"}", admin).status());
        assertEquals(401, call("GET", "/api/me", null, bob).status(), "a reset ends bob's sessions");
        loginCookie("bob", "bob-secret-2");
        assertEquals(204, call("DELETE", "/api/users/bob", null, admin).status());
        assertEquals(404, call("DELETE", "/api/users/bob", null, admin).status());
        assertEquals(403, call("DELETE", "/api/users/admin", null, admin).status(), "the last admin stays");
    }

    @Test
    void badInputIsNamed() throws Exception {
        String admin = loginCookie("admin", ADMIN_PASSWORD);
        HttpAnswer badJson = call("POST", "/api/login", "{\"username\":", null);
        assertEquals(400, badJson.status());
        assertEquals("invalid_json", json(badJson).at("/error/code").asText());
        assertEquals("invalid_json", json(call("POST", "/api/login", "[1]", null)).at("/error/code").asText());
        assertEquals("invalid_json", json(call("POST", "/api/login", "", null)).at("/error/code").asText());
        assertEquals("invalid_json", json(call("POST", "/api/login", "{} {}", null)).at("/error/code").asText());
        HttpAnswer missing = call("POST", "/api/login", "{\"username\":\"admin\"}", null);
        assertEquals(400, missing.status());
        assertEquals("is required", json(missing).at("/error/fields/password").asText());
        assertEquals(400, call("POST", "/api/login", "{\"username\":1,\"password\":\"x\"}", null).status());
        assertEquals(400, call("POST", "/api/login", "{\"username\":\"a\",\"password\":\"x\",\"token\":\"yes\"}", null).status());
        HttpAnswer badRole = call("POST", "/api/users", "{\"name\":\"bob\",\"role\":\"root\",\"password\":\"bob-secret-1\"}", admin);
        assertEquals(400, badRole.status());
        assertEquals("invalid_params", json(badRole).at("/error/code").asText());
        assertNotNull(json(badRole).at("/error/fields/role").textValue());
        HttpAnswer shortPw = call("POST", "/api/users", "{\"name\":\"bob\",\"role\":\"viewer\",\"password\":\"short\"}", admin);
        assertTrue(json(shortPw).at("/error/fields/password").asText().contains("8 to 1024"));
    }

    @Test
    void tooLargeBodiesWrongMethodsAndUnknownPaths() throws Exception {
        HttpAnswer large = call("POST", "/api/login", "x".repeat(AuthApi.MAX_BODY + 1), null);
        assertEquals(413, large.status());
        HttpAnswer method = call("GET", "/api/login", null, null);
        assertEquals(405, method.status());
        assertEquals("POST", method.header("Allow"));
        assertEquals(404, call("GET", "/api/users/a/b/c", null, loginCookie("admin", ADMIN_PASSWORD)).status());
    }

    @Test
    void changingOnesPasswordKeepsTheBrowserLoggedInWithANewCookie() throws Exception {
        String session = loginCookie("admin", ADMIN_PASSWORD);
        HttpAnswer wrong = call("PUT", "/api/me/password",
                "{\"old_password\":\"not-the-one\",\"new_password\":\"admin-secret-2\"}", session);
        assertEquals(401, wrong.status());
        HttpAnswer changed = call("PUT", "/api/me/password",
                "{\"old_password\":\"" + ADMIN_PASSWORD + "\",\"new_password\":\"admin-secret-2\"}", session);
        assertEquals(204, changed.status());
        assertEquals(401, call("GET", "/api/me", null, session).status(), "the old session ended");
        String cookie = changed.header("Set-Cookie");
        String fresh = cookie.substring("ucv_session=".length(), cookie.indexOf(';'));
        assertEquals(200, call("GET", "/api/me", null, fresh).status());
        assertEquals(401, call("PUT", "/api/me/password", "{\"old_password\":\"a\",\"new_password\":\"b\"}", null).status());
        loginCookie("admin", "admin-secret-2");
    }

    @Test
    void noAnswerEverContainsAPassword() {
        onlyAdminsManageUsersQuietly();
        for (String body : bodies) {
            assertFalse(body.contains(ADMIN_PASSWORD), body);
            assertFalse(body.contains("bob-secret"), body);
            assertFalse(body.contains("pbkdf2"), body);
        }
    }

    private void onlyAdminsManageUsersQuietly() {
        String admin = loginCookie("admin", ADMIN_PASSWORD);
        call("POST", "/api/users", "{\"name\":\"bob\",\"role\":\"viewer\",\"password\":\"bob-secret-1\"}", admin);
        call("GET", "/api/users", null, admin);
        call("POST", "/api/login", "{\"username\":\"bob\",\"password\":\"bob-secret-x\"}", null);
        call("POST", "/api/login", "{\"username\":\"bob\",\"password\":bob-secret-x}", null);
        call("PUT", "/api/users/bob/password", "{\"password\":\"bob-secret-2\"}", admin);
        assertTrue(bodies.size() > 5, Map.of("bodies", bodies).toString());
    }
}
