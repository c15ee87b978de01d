package org.ucv.web.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ucv.api.auth.AuthService.Session;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.Role;

class LoginCheckTest {
    private final FakeAuthService auth = new FakeAuthService().session("s1", "ann", Role.VIEWER);

    @Test
    void aLiveSessionHolds() {
        LoginCheck check = new LoginCheck("demo", new Session("s1", new Principal("ann", Role.VIEWER, false)));
        assertTrue(check.hasSession());
        assertNull(check.ended(auth));
        assertNull(check.ended(auth), "asking again changes nothing");
    }

    @Test
    void anEndedSessionEndsTheSocket() {
        LoginCheck check = new LoginCheck("demo", new Session("s1", new Principal("ann", Role.VIEWER, false)));
        auth.logout("s1");
        assertEquals("camera demo: your session ended (logged out, expired, or the password changed); log in again",
                check.ended(auth));
    }

    @Test
    void anAnonymousViewerEndsOnlyWhenAnonymousViewingIsTurnedOff() {
        LoginCheck check = new LoginCheck("demo", new Session(null, Principal.anonymousViewer()));
        assertFalse(check.hasSession());
        auth.anonymous = true;
        assertNull(check.ended(auth));
        auth.anonymous = false;
        String text = check.ended(auth);
        assertTrue(text.startsWith("camera demo: anonymous viewing was turned off"), text);
    }
}
