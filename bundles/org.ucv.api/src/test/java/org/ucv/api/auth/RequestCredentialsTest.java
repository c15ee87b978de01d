package org.ucv.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RequestCredentialsTest {
    @Test
    void readsTheSessionCookieAmongOthers() {
        assertEquals(List.of("s-admin"),
                RequestCredentials.sessionCookies(List.of("theme=dark; ucv_session=s-admin; lang=en")));
    }

    @Test
    void readsEveryCookieHeaderAndQuotedValues() {
        assertEquals(List.of("old", "s-ann"), RequestCredentials.sessionCookies(
                List.of("a=1", "ucv_session=\"old\";ucv_session=s-ann", "x_ucv_session=no")));
    }

    @Test
    void ignoresCookiesThatOnlyLookAlike() {
        assertEquals(List.of(), RequestCredentials.sessionCookies(
                List.of("ucv_session_x=1; ucv_sessionx=2; ucv_session=; ucv_session=\"\"; novalue")));
    }

    @Test
    void noHeadersNoCookies() {
        assertEquals(List.of(), RequestCredentials.sessionCookies(null));
        assertEquals(List.of(), RequestCredentials.sessionCookies(List.of()));
        assertEquals(List.of("a"), RequestCredentials.sessionCookies(Arrays.asList(null, "ucv_session=a")));
    }

    @Test
    void readsABearerHeader() {
        assertEquals(Optional.of("abc"), RequestCredentials.bearer("Bearer abc"));
        assertEquals(Optional.of("abc"), RequestCredentials.bearer("BEARER abc"));
        assertEquals(Optional.of("s-admin"), RequestCredentials.bearer("bearer  s-admin "));
        assertEquals(Optional.of("s-admin"), RequestCredentials.bearer(" Bearer s-admin"));
    }

    @Test
    void noBearerWithoutATokenOrOfAnotherScheme() {
        assertEquals(Optional.empty(), RequestCredentials.bearer(null));
        assertEquals(Optional.empty(), RequestCredentials.bearer("Bearer"));
        assertEquals(Optional.empty(), RequestCredentials.bearer("Bearer "));
        assertEquals(Optional.empty(), RequestCredentials.bearer("Bearer    "));
        assertEquals(Optional.empty(), RequestCredentials.bearer("Bearerabc"));
        assertEquals(Optional.empty(), RequestCredentials.bearer("Basic YWRtaW46eA=="));
    }
}
