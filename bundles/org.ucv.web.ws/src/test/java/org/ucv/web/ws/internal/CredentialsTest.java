package org.ucv.web.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.ucv.api.auth.AuthService.Session;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.Role;

class CredentialsTest {
    private final FakeAuthService auth = new FakeAuthService()
            .session("s-admin", "admin", Role.ADMIN)
            .session("s-ann", "ann", Role.VIEWER)
            .token("t-ann", "ann", Role.VIEWER);

    @Test
    void readsTheCookieTokenAndBearer() {
        // The header syntax is RequestCredentials' (tested in the API); this is the wiring.
        Credentials c = Credentials.parse(List.of("theme=dark; ucv_session=s-admin; lang=en"), "token=t-ann",
                "Bearer s-ann");
        assertEquals(List.of("s-admin"), c.sessionCookies());
        assertEquals("t-ann", c.token());
        assertEquals("s-ann", c.bearer());
        Credentials none = Credentials.parse(null, null, "Bearer");
        assertEquals(List.of(), none.sessionCookies());
        assertNull(none.token());
        assertNull(none.bearer());
        assertFalse(none.any());
    }

    @Test
    void readsTheTokenFromTheQuery() {
        assertEquals("t-ann", Credentials.parse(null, "token=t-ann", null).token());
        assertEquals("a b/+", Credentials.parse(null, "x=1&token=a%20b%2F%2B&token=second", null).token());
        assertNull(Credentials.parse(null, "tokens=1&xtoken=2&token", null).token());
        assertNull(Credentials.parse(null, "token=", null).token());
        assertNull(Credentials.parse(null, "token=%zz", null).token(), "a malformed escape is no token");
        assertNull(Credentials.parse(null, "", null).token());
    }

    @Test
    void aValidCookieLogsIn() {
        Optional<Session> p = Credentials.parse(List.of("ucv_session=s-admin"), null, null).login(auth);
        assertEquals(new Session("s-admin", new Principal("admin", Role.ADMIN, false)), p.orElseThrow());
    }

    @Test
    void aViewerMayWatch() {
        assertEquals("ann", Credentials.parse(List.of("ucv_session=s-ann"), null, null).login(auth).orElseThrow().principal().user());
    }

    @Test
    void aTokenWorksOnceAndCarriesItsSession() {
        Credentials c = Credentials.parse(null, "token=t-ann", null);
        Session login = c.login(auth).orElseThrow();
        assertEquals("ann", login.principal().user());
        assertEquals(FakeAuthService.sessionOf("t-ann"), login.id(), "the socket watches the token's session");
        assertTrue(c.login(auth).isEmpty(), "the token was used up");
    }

    @Test
    void aTokenIsUsedUpEvenWhenTheCookieIsEnough() {
        Credentials c = Credentials.parse(List.of("ucv_session=s-admin"), "token=t-ann", null);
        assertEquals("admin", c.login(auth).orElseThrow().principal().user());
        assertEquals(List.of("t-ann"), auth.redeemed);
        assertTrue(auth.tokens.isEmpty());
    }

    @Test
    void aBearerSessionLogsIn() {
        assertEquals(new Session("s-admin", new Principal("admin", Role.ADMIN, false)),
                Credentials.parse(null, null, "Bearer s-admin").login(auth).orElseThrow());
    }

    @Test
    void anExpiredCookieFallsBackToAValidBearer() {
        assertEquals("ann", Credentials.parse(List.of("ucv_session=expired"), null, "Bearer s-ann").login(auth)
                .orElseThrow().principal().user());
    }

    @Test
    void nothingValidIsRefused() {
        assertTrue(Credentials.NONE.login(auth).isEmpty());
        assertTrue(Credentials.parse(List.of("ucv_session=expired"), "token=used", "Bearer nope").login(auth).isEmpty());
    }

    @Test
    void anonymousViewersLetEveryoneWatch() {
        auth.anonymous = true;
        Session anonymous = new Session(null, Principal.anonymousViewer());
        assertEquals(anonymous, Credentials.NONE.login(auth).orElseThrow());
        assertEquals(anonymous, Credentials.parse(List.of("ucv_session=expired"), null, null)
                .login(auth).orElseThrow());
        assertEquals("admin", Credentials.parse(List.of("ucv_session=s-admin"), null, null).login(auth)
                .orElseThrow().principal().user(), "a login still counts as itself");
    }

    @Test
    void theRefusalSaysHowToLogInAndNeverEchoesTheCredential() {
        String none = Credentials.NONE.refusal();
        assertTrue(none.startsWith("log in first: "), none);
        assertTrue(none.contains("POST /api/login") && none.contains("POST /api/ws-token"), none);
        Credentials bad = Credentials.parse(List.of("ucv_session=secret-session"), "token=secret-token", "Bearer secret-bearer");
        assertTrue(bad.refusal().startsWith("log in first: the session or token is not valid"), bad.refusal());
        assertFalse(bad.refusal().contains("secret"), bad.refusal());
        assertFalse(bad.toString().contains("secret"), bad.toString());
    }
}
