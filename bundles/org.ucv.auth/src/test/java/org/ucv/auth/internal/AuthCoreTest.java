package org.ucv.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.ucv.api.auth.AuthException;
import org.ucv.api.auth.AuthException.Reason;
import org.ucv.api.auth.AuthService.Session;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.Role;
import org.ucv.api.auth.User;

class AuthCoreTest {
    private static final String ADDR = "192.0.2.7";
    private final MutableClock clock = new MutableClock();
    private final MemoryUsers repository = new MemoryUsers();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private AuthCore core(Settings settings) {
        return new AuthCore(repository, new PasswordHasher(1_000, new SecureRandom()), clock, new SecureRandom(), settings);
    }

    private AuthCore withAdmin() {
        AuthCore core = core(Settings.DEFAULTS);
        assertTrue(core.ensureAdmin("admin-password", out()));
        return core;
    }

    private PrintStream out() {
        return new PrintStream(stdout, true, StandardCharsets.UTF_8);
    }

    @Test
    void firstStartWithoutAPasswordGeneratesOnePrintsItOnceAndKeepsOnlyItsHash() throws Exception {
        AuthCore core = core(Settings.DEFAULTS);
        assertTrue(core.ensureAdmin(null, out()));
        String printed = stdout.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^ {5}(\\S+)$").matcher(printed);
        assertTrue(m.find(), printed);
        String password = m.group(1);
        assertTrue(password.length() >= 16, password);
        assertTrue(printed.contains("PUT /api/me/password") && printed.contains("ucv:passwd admin"), printed);
        StoredUser admin = repository.users.get("admin");
        assertEquals(Role.ADMIN, admin.role());
        assertFalse(admin.passwordHash().contains(password));
        assertEquals(new Principal("admin", Role.ADMIN, false), core.login("admin", password, ADDR).principal());

        // A restart: the admin is there, nothing is created or printed again.
        stdout.reset();
        AuthCore restarted = core(Settings.DEFAULTS);
        assertFalse(restarted.ensureAdmin(null, out()));
        assertFalse(restarted.ensureAdmin("another-password", out()));
        assertEquals("", stdout.toString(StandardCharsets.UTF_8));
        assertEquals(1, repository.saves);
        restarted.login("admin", password, ADDR);
    }

    @Test
    void firstStartWithUcvAdminPasswordUsesItAndPrintsNothing() throws Exception {
        AuthCore core = withAdmin();
        assertEquals("", stdout.toString(StandardCharsets.UTF_8));
        core.login("admin", "admin-password", ADDR);
    }

    @Test
    void aTooShortUcvAdminPasswordIsReplacedByAGeneratedOne() {
        AuthCore core = core(Settings.DEFAULTS);
        core.ensureAdmin("short", out());
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("generated password"));
        assertThrows(AuthException.class, () -> core.login("admin", "short", ADDR));
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        SecureRandom random = new SecureRandom();
        String a = AuthCore.generatePassword(random);
        assertTrue(a.length() >= 16);
        assertFalse(a.equals(AuthCore.generatePassword(random)));
    }

    @Test
    void wrongPasswordAndUnknownUserAreTheSameRefusal() {
        AuthCore core = withAdmin();
        AuthException wrong = assertThrows(AuthException.class, () -> core.login("admin", "nope-nope", ADDR));
        AuthException unknown = assertThrows(AuthException.class, () -> core.login("nobody", "nope-nope", ADDR));
        assertEquals(Reason.BAD_CREDENTIALS, wrong.reason());
        assertEquals(wrong.reason(), unknown.reason());
        assertEquals(wrong.getMessage(), unknown.getMessage());
        assertThrows(AuthException.class, () -> core.login(null, null, null));
        assertThrows(AuthException.class, () -> core.login("admin", "x".repeat(5000), ADDR));
    }

    @Test
    void tenWrongPasswordsInARowThrottleEvenTheRightOne() throws Exception {
        AuthCore core = withAdmin();
        for (int i = 0; i < 10; i++) {
            assertThrows(AuthException.class, () -> core.login("admin", "wrong-password", ADDR));
        }
        AuthException e = assertThrows(AuthException.class, () -> core.login("admin", "admin-password", ADDR));
        assertEquals(Reason.THROTTLED, e.reason());
        assertEquals(429, e.reason().status());
        assertTrue(e.retryAfter().compareTo(Duration.ofSeconds(1)) >= 0);
        // Another address is not affected; after the wait the right password works.
        assertEquals("admin", core.verify("admin", "admin-password", "192.0.2.8").user());
        clock.advance(Duration.ofMinutes(2));
        assertEquals("admin", core.verify("admin", "admin-password", ADDR).user());
    }

    @Test
    void sessionsExpireWhenIdleAndFollowTheConfiguration() throws Exception {
        AuthCore core = withAdmin();
        Session session = core.login("admin", "admin-password", ADDR);
        assertEquals(43, session.id().length());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(core.session(session.id()).isPresent());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(core.session(session.id()).isPresent(), "touched by the use above");
        core.configure(Settings.of(2, 60, false, List.of(), false, 5, 100, 60));
        assertEquals(Duration.ofSeconds(2), core.sessionIdleTimeout());
        clock.advance(Duration.ofSeconds(3));
        assertEquals(Optional.empty(), core.session(session.id()));
        assertEquals(Optional.empty(), core.session(null));
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        AuthCore core = withAdmin();
        Session session = core.login("admin", "admin-password", ADDR);
        core.logout(session.id());
        assertEquals(Optional.empty(), core.session(session.id()));
    }

    @Test
    void usersAreAddedListedAndRemoved() throws Exception {
        AuthCore core = withAdmin();
        core.addUser("bob", Role.VIEWER, "bob-password");
        assertEquals(List.of(new User("admin", Role.ADMIN), new User("bob", Role.VIEWER)), core.users());
        assertEquals(Reason.EXISTS, assertThrows(AuthException.class,
                () -> core.addUser("bob", Role.ADMIN, "bob-password")).reason());
        Session bob = core.login("bob", "bob-password", ADDR);
        assertEquals(Role.VIEWER, bob.principal().role());
        core.removeUser("bob");
        assertEquals(Optional.empty(), core.session(bob.id()), "removal ends the sessions");
        assertEquals(Reason.NO_SUCH_USER, assertThrows(AuthException.class, () -> core.removeUser("bob")).reason());
    }

    @Test
    void badNamesAndPasswordsAreRefusedNamingTheField() {
        AuthCore core = withAdmin();
        for (String name : new String[] {null, "", "-x", "a b", "x".repeat(65), "anonymous", "a/b", "a~b"}) {
            InvalidFieldException e = assertThrows(InvalidFieldException.class,
                    () -> core.addUser(name, Role.VIEWER, "long-enough"), String.valueOf(name));
            assertEquals("name", e.field());
            assertEquals(400, e.reason().status());
        }
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> core.addUser("bob", Role.VIEWER, "short"));
        assertEquals("password", e.field());
        assertThrows(InvalidFieldException.class, () -> core.addUser("bob", Role.VIEWER, "        "));
        assertThrows(InvalidFieldException.class, () -> core.addUser("bob", null, "long-enough"));
    }

    @Test
    void theLastAdminCannotBeRemoved() throws Exception {
        AuthCore core = withAdmin();
        assertEquals(Reason.FORBIDDEN, assertThrows(AuthException.class, () -> core.removeUser("admin")).reason());
        core.addUser("root", Role.ADMIN, "root-password");
        core.removeUser("admin");
        assertEquals(Reason.FORBIDDEN, assertThrows(AuthException.class, () -> core.removeUser("root")).reason());
    }

    @Test
    void aPasswordResetEndsTheUsersSessions() throws Exception {
        AuthCore core = withAdmin();
        core.addUser("bob", Role.VIEWER, "bob-password");
        Session bob = core.login("bob", "bob-password", ADDR);
        Session admin = core.login("admin", "admin-password", ADDR);
        core.setPassword("bob", "new-bob-password");
        assertEquals(Optional.empty(), core.session(bob.id()));
        assertTrue(core.session(admin.id()).isPresent());
        assertThrows(AuthException.class, () -> core.login("bob", "bob-password", ADDR));
        core.login("bob", "new-bob-password", ADDR);
        assertEquals(Reason.NO_SUCH_USER, assertThrows(AuthException.class,
                () -> core.setPassword("carol", "whatever-pw")).reason());
    }

    @Test
    void changingOnesPasswordNeedsTheOldOne() throws Exception {
        AuthCore core = withAdmin();
        Session session = core.login("admin", "admin-password", ADDR);
        assertEquals(Reason.BAD_CREDENTIALS, assertThrows(AuthException.class,
                () -> core.changePassword("admin", "not-it-at-all", "next-password", ADDR)).reason());
        assertEquals(Reason.INVALID, assertThrows(AuthException.class,
                () -> core.changePassword("admin", "admin-password", "short", ADDR)).reason());
        core.changePassword("admin", "admin-password", "next-password", ADDR);
        assertEquals(Optional.empty(), core.session(session.id()));
        core.login("admin", "next-password", ADDR);
    }

    @Test
    void aRoleChangedElsewhereAppliesToLiveSessions() throws Exception {
        AuthCore core = withAdmin();
        core.addUser("bob", Role.ADMIN, "bob-password");
        Session bob = core.login("bob", "bob-password", ADDR);
        StoredUser stored = repository.users.get("bob");
        repository.users.put("bob", new StoredUser("bob", Role.VIEWER, stored.passwordHash()));
        core.refresh();
        assertEquals(Role.VIEWER, core.session(bob.id()).orElseThrow().role());
        repository.users.remove("bob");
        core.refresh();
        assertEquals(Optional.empty(), core.session(bob.id()));
    }

    @Test
    void wsTokensAreSingleUseAndFollowTheirUser() throws Exception {
        AuthCore core = withAdmin();
        core.addUser("bob", Role.VIEWER, "bob-password");
        Session bob = core.login("bob", "bob-password", ADDR);
        String token = core.issueWsToken(bob);
        assertEquals(Optional.of(bob), core.redeemWsToken(token), "the session comes back with the token");
        assertEquals(Optional.empty(), core.redeemWsToken(token));
        String late = core.issueWsToken(bob);
        core.removeUser("bob");
        assertEquals(Optional.empty(), core.redeemWsToken(late));
        assertEquals(Duration.ofSeconds(60), core.wsTokenLifetime());
    }

    @Test
    void aWsTokenDiesWithItsSession() throws Exception {
        AuthCore core = withAdmin();
        core.addUser("bob", Role.VIEWER, "bob-password");
        Session bob = core.login("bob", "bob-password", ADDR);
        String token = core.issueWsToken(bob);
        core.logout(bob.id());
        assertEquals(Optional.empty(), core.redeemWsToken(token), "logged out since");

        Session again = core.login("bob", "bob-password", ADDR);
        String reset = core.issueWsToken(again);
        core.setPassword("bob", "new-bob-password");
        assertEquals(Optional.empty(), core.redeemWsToken(reset), "the password was reset since");

        Session third = core.login("bob", "new-bob-password", ADDR);
        String roleNow = core.issueWsToken(third);
        repository.users.put("bob", new StoredUser("bob", Role.ADMIN, repository.users.get("bob").passwordHash()));
        core.refresh();
        assertEquals(Optional.of(new Session(third.id(), new Principal("bob", Role.ADMIN, false))),
                core.redeemWsToken(roleNow), "the role is the one of now");
        assertThrows(IllegalArgumentException.class,
                () -> core.issueWsToken(new Session(null, new Principal("bob", Role.VIEWER, false))));
    }

    @Test
    void anonymousTokensNeedAnonymousViewersStillOn() {
        AuthCore core = core(Settings.of(1800, 60, true, List.of(), false, 5, 100, 60));
        Session anonymous = new Session(null, Principal.anonymousViewer());
        String token = core.issueWsToken(anonymous);
        String second = core.issueWsToken(anonymous);
        assertEquals(Optional.of(anonymous), core.redeemWsToken(token));
        core.configure(Settings.DEFAULTS);
        assertEquals(Optional.empty(), core.redeemWsToken(second));
    }

    @Test
    void settingsDriveTheAccessRules() {
        AuthCore core = core(Settings.DEFAULTS);
        assertFalse(core.anonymousViewers());
        assertFalse(core.metricsOpenTo("127.0.0.1"));
        assertFalse(core.originAllowed("https://dash.example", "http", "cams:8000"));
        core.configure(Settings.of(1800, 60, true, List.of("https://dash.example"), true, 5, 100, 60));
        assertTrue(core.anonymousViewers());
        assertTrue(core.metricsOpenTo("127.0.0.1"));
        assertFalse(core.metricsOpenTo("10.1.1.1"));
        assertTrue(core.originAllowed("https://dash.example", "http", "cams:8000"));
    }

    @Test
    void settingsAreClamped() {
        Settings s = Settings.of(0, -5, false, List.of(" ", "x"), false, -1, -1, 100_000);
        assertEquals(Duration.ofSeconds(1), s.sessionIdle());
        assertEquals(Duration.ofSeconds(1), s.wsTokenLifetime());
        assertEquals(List.of("x"), s.allowedOrigins());
        assertEquals(0, s.limits().userFreeFailures());
        assertEquals(Duration.ofSeconds(900), s.limits().maxDelay());
    }

    @Test
    void storedUsersNeverPrintTheirHash() {
        StoredUser user = new StoredUser("bob", Role.VIEWER, "pbkdf2-sha256$1000$c2FsdA$aGFzaA");
        assertFalse(user.toString().contains("pbkdf2"));
    }
}
