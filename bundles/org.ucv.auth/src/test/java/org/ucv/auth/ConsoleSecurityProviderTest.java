package org.ucv.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ucv.api.auth.Role;
import org.ucv.auth.internal.AuthCore;
import org.ucv.auth.internal.PasswordHasher;
import org.ucv.auth.internal.Settings;
import org.ucv.auth.internal.StoredUser;
import org.ucv.auth.internal.UserRepository;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

class ConsoleSecurityProviderTest {
    private AuthCore core;
    private ConsoleSecurityProvider provider;

    /** What the provider did to the response. */
    private static final class Recorded {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
    }

    @BeforeEach
    void setUp() throws Exception {
        Map<String, StoredUser> users = new HashMap<>();
        UserRepository repository = new UserRepository() {
            @Override
            public List<StoredUser> load() {
                return new ArrayList<>(users.values());
            }

            @Override
            public void save(StoredUser user) {
                users.put(user.name(), user);
            }

            @Override
            public void delete(String name) {
                users.remove(name);
            }
        };
        core = new AuthCore(repository, new PasswordHasher(1_000, new SecureRandom()), Clock.systemUTC(),
                new SecureRandom(), Settings.DEFAULTS);
        core.ensureAdmin("admin-secret-1", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        core.addUser("viewer1", Role.VIEWER, "viewer-secret-1");
        provider = new ConsoleSecurityProvider(core);
    }

    private static HttpServletRequest request(String authorization, String sessionCookie) {
        return (HttpServletRequest) Proxy.newProxyInstance(ConsoleSecurityProviderTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
                    case "getCookies" -> sessionCookie == null ? null : new Cookie[] {new Cookie("ucv_session", sessionCookie)};
                    case "getRemoteAddr" -> "203.0.113.9";
                    case "isSecure" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HttpServletResponse response(Recorded recorded) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(ConsoleSecurityProviderTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus" -> recorded.status = (Integer) args[0];
                        case "setHeader", "addHeader" -> recorded.headers.put((String) args[0], (String) args[1]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                            // content type, length, flush: nothing to record
                        }
                    }
                    return null;
                });
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noCredentialsGetABasicChallenge() {
        Recorded recorded = new Recorded();
        assertNull(provider.authenticate(request(null, null), response(recorded)));
        assertEquals(401, recorded.status);
        assertEquals("Basic realm=\"UCV\", charset=\"UTF-8\"", recorded.headers.get("WWW-Authenticate"));
    }

    @Test
    void anAdminGetsInWithBasicOrTheSessionCookie() throws Exception {
        Object user = provider.authenticate(request(basic("admin", "admin-secret-1"), null), response(new Recorded()));
        assertNotNull(user);
        assertTrue(provider.authorize(user, "anything"));
        String session = core.login("admin", "admin-secret-1", "203.0.113.9").id();
        assertNotNull(provider.authenticate(request(null, session), response(new Recorded())));
        assertNotNull(provider.authenticate(request("Bearer " + session, null), response(new Recorded())));
        assertEquals(1, core.sessionCount(), "Basic opens no session");
    }

    @Test
    void aViewerIsForbidden() throws Exception {
        Recorded recorded = new Recorded();
        assertNull(provider.authenticate(request(basic("viewer1", "viewer-secret-1"), null), response(recorded)));
        assertEquals(403, recorded.status);
        Recorded byCookie = new Recorded();
        String session = core.login("viewer1", "viewer-secret-1", "203.0.113.9").id();
        assertNull(provider.authenticate(request(null, session), response(byCookie)));
        assertEquals(403, byCookie.status);
        assertFalse(provider.authorize("not a principal", "x"));
    }

    @Test
    void wrongPasswordsAreChallengedThenThrottled() {
        Recorded recorded = new Recorded();
        assertNull(provider.authenticate(request(basic("admin", "wrong-password"), null), response(recorded)));
        assertEquals(401, recorded.status);
        assertNull(provider.authenticate(request("Basic !!!", null), response(new Recorded())));
        for (int i = 0; i < 10; i++) {
            provider.authenticate(request(basic("admin", "wrong-password"), null), response(new Recorded()));
        }
        Recorded throttled = new Recorded();
        assertNull(provider.authenticate(request(basic("admin", "admin-secret-1"), null), response(throttled)));
        assertEquals(429, throttled.status);
        assertNotNull(throttled.headers.get("Retry-After"));
    }

    @Test
    void basicCredentialsParse() {
        String[] parsed = ConsoleSecurityProvider.basic(Base64.getEncoder().encodeToString("a:b:c".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a", parsed[0]);
        assertEquals("b:c", parsed[1]);
        assertNull(ConsoleSecurityProvider.basic(Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8))));
        assertNull(ConsoleSecurityProvider.basic("%%%"));
    }
}
