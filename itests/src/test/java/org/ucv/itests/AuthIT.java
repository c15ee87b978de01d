package org.ucv.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucv.itests.support.Await;
import org.ucv.itests.support.UcvExtension;
import org.ucv.itests.support.UcvServer;

/**
 * Users and login (docs/security.md) against the real distribution: the shared one for the rules,
 * one of its own for what needs a fresh folder (first start without UCV_ADMIN_PASSWORD, restart,
 * idle expiry with a short setting, HTTPS).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The line of the first-start banner that holds the generated password (5 spaces, then it). */
    private static final Pattern GENERATED = Pattern.compile("UCV first start.*\\R\\R? {5}(\\S+)\\R");
    /** Passwords this class sends: none may show up in an answer or the server's log. */
    private static final List<String> SECRETS = new ArrayList<>();

    @RegisterExtension
    static final UcvExtension UCV = UcvExtension.shared();

    private static String secret(String prefix) {
        String password = prefix + "-" + UUID.randomUUID();
        SECRETS.add(password);
        return password;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String loginBody(String user, String password) {
        return JSON.createObjectNode().put("username", user).put("password", password).toString();
    }

    private static String userBody(String name, String role, String password) {
        return JSON.createObjectNode().put("name", name).put("role", role).put("password", password).toString();
    }

    private static String code(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).at("/error/code").asText();
    }

    private static HttpResponse<String> basic(UcvServer server, String path, String user, String password)
            throws IOException, InterruptedException {
        return server.get(path, user, password);
    }

    private static HttpResponse<String> bearer(UcvServer server, String path, String token)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.uri("http", path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        return server.http().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Adds a user that the test itself deletes (its DELETE answers are part of what is tested). */
    private static void addUser(UcvServer server, String name, String role, String password) {
        server.addUser(name, role, password);
    }

    @Test
    @Order(1)
    void withoutLoginTheApiAnswers401() throws Exception {
        UcvServer server = UCV.server();
        HttpResponse<String> me = server.send("GET", "/api/me", null, null);
        assertEquals(401, me.statusCode(), me.body());
        assertEquals("unauthorized", code(me));
        assertEquals(Optional.of("Bearer realm=\"ucv\""), me.headers().firstValue("WWW-Authenticate"));
        assertEquals(401, server.send("GET", "/api/me", null, "not-a-session").statusCode());
        assertEquals(401, server.send("POST", "/api/ws-token", null, null).statusCode());
        assertEquals(401, server.send("GET", "/api/users", null, null).statusCode());
    }

    @Test
    @Order(2)
    void adminLoginSetsAStrictHttpOnlySessionCookie() throws Exception {
        UcvServer server = UCV.server();
        HttpResponse<String> login = server.send("POST", "/api/login",
                loginBody(UcvServer.ADMIN, server.adminPassword()), null);
        assertEquals(200, login.statusCode(), login.body());
        JsonNode who = JSON.readTree(login.body());
        assertEquals("admin", who.get("user").asText());
        assertEquals("admin", who.get("role").asText());
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(UcvServer.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cookie.matches("ucv_session=[A-Za-z0-9_-]{43};.*"), cookie);
        for (String flag : List.of("; Path=/", "; HttpOnly", "; SameSite=Strict")) {
            assertTrue(cookie.contains(flag), flag + " in " + cookie);
        }
        for (String absent : List.of("Max-Age", "Expires", "Secure")) {
            assertFalse(cookie.contains(absent), absent + " in " + cookie + " (a session cookie over plain HTTP)");
        }
        String session = UcvServer.sessionCookie(login).orElseThrow();
        JsonNode me = JSON.readTree(server.send("GET", "/api/me", null, session).body());
        assertEquals("admin", me.get("user").asText());
        assertFalse(me.get("anonymous").asBoolean());

        HttpResponse<String> tokenLogin = server.send("POST", "/api/login",
                JSON.createObjectNode().put("username", UcvServer.ADMIN).put("password", server.adminPassword())
                        .put("token", true).toString(), null);
        assertEquals(200, tokenLogin.statusCode());
        assertEquals(Optional.empty(), UcvServer.sessionCookie(tokenLogin), "a token login sets no cookie");
        String token = JSON.readTree(tokenLogin.body()).get("token").asText();
        assertEquals(200, bearer(server, "/api/me", token).statusCode());

        assertEquals(204, server.send("POST", "/api/logout", null, session).statusCode());
        assertEquals(401, server.send("GET", "/api/me", null, session).statusCode());
    }

    @Test
    @Order(3)
    void aWrongPasswordIs401() throws Exception {
        UcvServer server = UCV.server();
        HttpResponse<String> login = server.send("POST", "/api/login", loginBody(UcvServer.ADMIN, secret("wrong")), null);
        assertEquals(401, login.statusCode(), login.body());
        assertEquals("unauthorized", code(login));
        assertEquals(Optional.empty(), UcvServer.sessionCookie(login));
        assertEquals(400, server.send("POST", "/api/login", "{\"username\":", null).statusCode());
    }

    @Test
    @Order(4)
    void tenWrongPasswordsInARowThrottleEvenTheRightOne() throws Exception {
        UcvServer server = UCV.server();
        String user = unique("throttled");
        String password = secret("right");
        addUser(server, user, "viewer", password);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(server.send("POST", "/api/login", loginBody(user, secret("guess")), null).statusCode());
        }
        assertEquals(List.of(401, 401, 401, 401, 401), statuses.subList(0, 5), "five free failures: " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses.toString());

        HttpResponse<String> right = server.send("POST", "/api/login", loginBody(user, password), null);
        assertEquals(429, right.statusCode(), "the right password, after ten wrong ones: " + right.body());
        assertEquals("unauthorized", code(right));
        long retryAfter = Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(Optional.empty(), UcvServer.sessionCookie(right));

        assertEquals(204, server.send("DELETE", "/api/users/" + user, null, server.adminSession()).statusCode());
    }

    @Test
    @Order(5)
    void aViewerMayViewButNotWriteAndAnAdminMay() throws Exception {
        UcvServer server = UCV.server();
        String viewer = unique("viewer");
        String password = secret("viewer");
        addUser(server, viewer, "viewer", password);
        String session = server.login(viewer, password);

        JsonNode me = JSON.readTree(server.send("GET", "/api/me", null, session).body());
        assertEquals("viewer", me.get("role").asText());
        HttpResponse<String> token = server.send("POST", "/api/ws-token", null, session);
        assertEquals(200, token.statusCode(), token.body());
        assertEquals(60, JSON.readTree(token.body()).get("expires_in_seconds").asInt());

        String other = unique("other");
        HttpResponse<String> refused = server.send("POST", "/api/users", userBody(other, "admin", secret("other")), session);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("forbidden", code(refused));
        assertEquals(403, server.send("GET", "/api/users", null, session).statusCode());
        assertEquals(403, server.send("DELETE", "/api/users/" + UcvServer.ADMIN, null, session).statusCode());

        addUser(server, other, "viewer", secret("other"));
        JsonNode users = JSON.readTree(server.send("GET", "/api/users", null, server.adminSession()).body());
        List<String> names = new ArrayList<>();
        users.forEach(u -> names.add(u.get("name").asText()));
        assertTrue(names.containsAll(List.of(UcvServer.ADMIN, viewer, other)), names.toString());
        users.forEach(u -> assertEquals(List.of("name", "role"), fieldNames(u), "no hash or password listed"));

        HttpResponse<String> reset = server.send("PUT", "/api/users/" + viewer + "/password",
                JSON.createObjectNode().put("password", secret("viewer2")).toString(), server.adminSession());
        assertEquals(204, reset.statusCode(), reset.body());
        assertEquals(401, server.send("GET", "/api/me", null, session).statusCode(), "a reset ends the sessions");
        assertEquals(204, server.send("DELETE", "/api/users/" + other, null, server.adminSession()).statusCode());
        assertEquals(204, server.send("DELETE", "/api/users/" + viewer, null, server.adminSession()).statusCode());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    @Order(6)
    void theWebConsoleIsForAdminsOnly() throws Exception {
        UcvServer server = UCV.server();
        String page = "/system/console/bundles";
        HttpResponse<String> anonymous = server.send("GET", page, null, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm=\"UCV\""),
                anonymous.headers().map().toString());

        String viewer = unique("consoleviewer");
        String password = secret("console");
        addUser(server, viewer, "viewer", password);
        assertEquals(403, server.send("GET", page, null, server.login(viewer, password)).statusCode());
        assertEquals(403, basic(server, page, viewer, password).statusCode());
        assertEquals(401, basic(server, page, UcvServer.ADMIN, secret("wrong")).statusCode());
        assertEquals(401, basic(server, page, "admin", "admin").statusCode(), "never the built-in admin/admin");

        assertEquals(200, server.send("GET", page, null, server.adminSession()).statusCode());
        assertEquals(200, basic(server, page, UcvServer.ADMIN, server.adminPassword()).statusCode());
        assertEquals(204, server.send("DELETE", "/api/users/" + viewer, null, server.adminSession()).statusCode());
    }

    @Test
    @Order(7)
    void firstStartRestartIdleExpiryAndHttpsOnAnOwnDistribution() throws Exception {
        UcvServer own = UcvServer.copy("auth", UcvExtension.testJavaHome(),
                path -> path.toString().equals("load/org.ucv.camera-demo.cfg"));
        Path firstLog = own.home().resolveSibling("dist-auth-first-start.log");
        String carolPassword = secret("carol");
        try {
            firstStartWithoutUcvAdminPassword(own, firstLog, carolPassword);

            // Restart in the same folder, with HTTPS on and a different UCV_ADMIN_PASSWORD, which
            // must be ignored: the admin exists.
            String ignored = secret("ignored");
            own.environment("UCV_ADMIN_PASSWORD", ignored);
            Path keystore = own.home().resolve("conf/test-keystore.p12");
            String storePassword = secret("store");
            int httpsPort = freePort();
            keystore(keystore, storePassword);
            Files.writeString(own.home().resolve("load/org.apache.felix.http.cfg"), String.join("\n",
                    "org.apache.felix.https.enable=true",
                    "org.osgi.service.http.port.secure=" + httpsPort,
                    "org.apache.felix.https.keystore=" + keystore,
                    "org.apache.felix.https.keystore.type=PKCS12",
                    "org.apache.felix.https.keystore.password=" + storePassword,
                    "org.apache.felix.https.keystore.key.password=" + storePassword, ""));
            own.start();
            // First, as it also waits for Jetty to restart its connectors with the HTTPS settings.
            secureCookieOverHttps(own, keystore, storePassword, httpsPort, carolPassword);

            own.login("carol", carolPassword);
            own.login(UcvServer.ADMIN, own.adminPassword());
            assertEquals(401, own.send("POST", "/api/login", loginBody(UcvServer.ADMIN, ignored), null).statusCode());
            String log = Files.readString(own.log(), StandardCharsets.UTF_8);
            assertFalse(log.contains("UCV first start"), "no second generated password after a restart");
            assertFalse(log.contains("Created user 'admin'"), "the admin was not created again");

            idleSessionExpires(own, carolPassword);
            assertSecretsAbsent(Files.readString(own.log(), StandardCharsets.UTF_8), own.log());
        } finally {
            own.close();
        }
    }

    /**
     * Started here rather than by UcvServer, which logs in with its own known password while it
     * waits for the bundles: the generated one is only known from the output.
     */
    private static void firstStartWithoutUcvAdminPassword(UcvServer own, Path log, String carolPassword)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(own.home().resolve("bin/ucv").toString())
                .directory(own.home().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", UcvExtension.testJavaHome().toString());
        builder.environment().put("UCV_PORT", Integer.toString(own.port()));
        builder.environment().remove("UCV_ADMIN_PASSWORD");
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            String generated = Await.until("the generated admin password on stdout (" + log + ")", WAIT, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the first start exited with " + process.exitValue());
                }
                Matcher matcher = GENERATED.matcher(Files.readString(log, StandardCharsets.UTF_8));
                return matcher.find() ? matcher.group(1) : null;
            }, found -> found != null);
            assertTrue(generated.length() >= 16, generated);
            Await.until("the login answers", WAIT, () -> own.send("GET", "/api/me", null, null).statusCode(),
                    status -> status == 401);
            String admin = own.login(UcvServer.ADMIN, generated);
            HttpResponse<String> carol = own.send("POST", "/api/users", userBody("carol", "viewer", carolPassword), admin);
            assertEquals(201, carol.statusCode(), carol.body());
            // From now on the admin has the password UcvServer knows, so its start() can log in.
            HttpResponse<String> change = own.send("PUT", "/api/me/password", JSON.createObjectNode()
                    .put("old_password", generated).put("new_password", own.adminPassword()).toString(), admin);
            assertEquals(204, change.statusCode(), change.body());

            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(1, count(output, generated), "the generated password is printed exactly once");
            assertTrue(output.contains("PUT /api/me/password") && output.contains("ucv:passwd admin"), output);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the first start did not stop within 30 s of SIGTERM");
            }
        }
    }

    private static void secureCookieOverHttps(UcvServer own, Path keystore, String storePassword, int httpsPort,
            String carolPassword) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, storePassword.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest login = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + "/api/login"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(loginBody("carol", carolPassword)))
                .build();
        HttpResponse<String> answer = Await.until("a login over HTTPS on port " + httpsPort, WAIT,
                () -> https.send(login, HttpResponse.BodyHandlers.ofString()), response -> response.statusCode() == 200);
        String cookie = answer.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(UcvServer.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("; Secure"), cookie);
        assertTrue(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict"), cookie);
        HttpResponse<String> plain = own.send("POST", "/api/login", loginBody("carol", carolPassword), null);
        assertFalse(plain.headers().firstValue("Set-Cookie").orElse("").contains("Secure"), "not over plain HTTP");
    }

    /**
     * With {@code session_idle_seconds=2} from a .cfg file: a session left alone for 3 s is gone.
     * Checking a session renews it, so each probe checks a session once and starts a new one.
     */
    private static void idleSessionExpires(UcvServer own, String carolPassword) throws Exception {
        Path cfg = own.home().resolve("load/org.ucv.auth.cfg");
        Files.writeString(cfg, "session_idle_seconds=2\n");
        try {
            String[] pending = {null};
            long[] since = {0};
            Await.until("a session unused for 3 s ends", WAIT, () -> {
                if (pending[0] == null) {
                    pending[0] = own.login("carol", carolPassword);
                    since[0] = System.nanoTime();
                    return -1;
                }
                if (System.nanoTime() - since[0] < TimeUnit.SECONDS.toNanos(3)) {
                    return -1;
                }
                int status = own.send("GET", "/api/me", null, pending[0]).statusCode();
                pending[0] = null;
                return status;
            }, status -> status == 401);
        } finally {
            Files.deleteIfExists(cfg);
        }
    }

    @Test
    @Order(100)
    void noPasswordShowsUpInTheLog() throws IOException {
        UcvServer server = UCV.server();
        String log = Files.readString(server.log(), StandardCharsets.UTF_8);
        assertFalse(log.contains(server.adminPassword()), "the admin password is in " + server.log());
        assertSecretsAbsent(log, server.log());
    }

    private static void assertSecretsAbsent(String text, Path where) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), "a test password is in " + where);
        }
        assertFalse(text.contains("pbkdf2-sha256$"), "a password hash is in " + where);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static void keystore(Path file, String password) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "ucv", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool: " + output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
