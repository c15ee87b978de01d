package org.ucv.web.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.Role;

class CredentialsTest {
    private final FakeAuthService auth = new FakeAuthService()
            .session("s-admin", "admin", Role.ADMIN)
            .session("s-ann", "ann", Role.VIEWER)
            .token("t-ann", "ann", Role.VIEWER);

    @Test
    void readsTheSessionCookieAmongOthers() {
        Credentials c = Credentials.parse(List.of("theme=dark; ucv_session=s-admin; lang=en"), null, null);
        assertEquals(List.of("s-admin"), c.sessionCookies());
        assertNull(c.token());
        assertNull(c.bearer());
    }

    @Test
    void readsEveryCookieHeaderAndQuotedValues() {
        Credentials c = Credentials.parse(List.of("a=1", "ucv_session=\"old\";ucv_session=s-ann", "x_ucv_session=no"),
                null, null);
        assertEquals(List.of("old", "s-ann"), c.sessionCookies());
    }

    @Test
    void ignoresCookiesThatOnlyLookAlike() {
        assertEquals(List.of(), Credentials.parse(List.of("ucv_session_x=1; ucv_sessionx=2; ucv_session=; novalue"),
                null, null).sessionCookies());
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
    void readsABearerHeader() {
        assertEquals("s-admin", Credentials.parse(null, null, "Bearer s-admin").bearer());
        assertEquals("s-admin", Credentials.parse(null, null, "bearer  s-admin ").bearer());
        assertNull(Credentials.parse(null, null, "Basic YWRtaW46eA==").bearer());
        assertNull(Credentials.parse(null, null, "Bearer").bearer());
    }

    @Test
    void aValidCookieLogsIn() {
        Optional<Principal> p = Credentials.parse(List.of("ucv_session=s-admin"), null, null).principal(auth);
        assertEquals(new Principal("admin", Role.ADMIN, false), p.orElseThrow());
    }

    @Test
    void aViewerMayWatch() {
        assertEquals("ann", Credentials.parse(List.of("ucv_session=s-ann"), null, null).principal(auth).orElseThrow().user());
    }

    @Test
    void aTokenWorksOnce() {
        Credentials c = Credentials.parse(null, "token=t-ann", null);
        assertEquals("ann", c.principal(auth).orElseThrow().user());
        assertTrue(c.principal(auth).isEmpty(), "the token was used up");
    }

    @Test
    void aTokenIsUsedUpEvenWhenTheCookieIsEnough() {
        Credentials c = Credentials.parse(List.of("ucv_session=s-admin"), "token=t-ann", null);
        assertEquals("admin", c.principal(auth).orElseThrow().user());
        assertEquals(List.of("t-ann"), auth.redeemed);
        assertTrue(auth.tokens.isEmpty());
    }

    @Test
    void aBearerSessionLogsIn() {
        assertEquals("admin", Credentials.parse(null, null, "Bearer s-admin").principal(auth).orElseThrow().user());
    }

    @Test
    void anExpiredCookieFallsBackToAValidBearer() {
        assertEquals("ann", Credentials.parse(List.of("ucv_session=expired"), null, "Bearer s-ann").principal(auth)
                .orElseThrow().user());
    }

    @Test
    void nothingValidIsRefused() {
        assertTrue(Credentials.NONE.principal(auth).isEmpty());
        assertTrue(Credentials.parse(List.of("ucv_session=expired"), "token=used", "Bearer nope").principal(auth).isEmpty());
    }

    @Test
    void anonymousViewersLetEveryoneWatch() {
        auth.anonymous = true;
        assertEquals(Principal.anonymousViewer(), Credentials.NONE.principal(auth).orElseThrow());
        assertEquals(Principal.anonymousViewer(), Credentials.parse(List.of("ucv_session=expired"), null, null)
                .principal(auth).orElseThrow());
        assertEquals("admin", Credentials.parse(List.of("ucv_session=s-admin"), null, null).principal(auth)
                .orElseThrow().user(), "a login still counts as itself");
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
