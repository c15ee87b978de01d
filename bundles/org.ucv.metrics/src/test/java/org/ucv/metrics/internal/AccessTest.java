package org.ucv.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ucv.api.auth.Role;

class AccessTest {
    private final FakeAuth auth = new FakeAuth().session("s-viewer", "ann", Role.VIEWER).session("s-admin", "admin", Role.ADMIN);

    @Test
    void nothingIsRefused() {
        assertFalse(Access.allowed(auth, "10.0.0.7", List.of(), null));
    }

    @Test
    void aViewerOrAdminSessionCookieIsEnough() {
        assertTrue(Access.allowed(auth, "10.0.0.7", List.of("s-viewer"), null));
        assertTrue(Access.allowed(auth, "10.0.0.7", List.of("s-admin"), null));
    }

    @Test
    void anyOfSeveralCookiesMayBeTheLiveOne() {
        assertTrue(Access.allowed(auth, "10.0.0.7", List.of("expired", "s-viewer"), null));
        assertFalse(Access.allowed(auth, "10.0.0.7", List.of("expired"), null));
    }

    @Test
    void aBearerTokenIsEnough() {
        assertTrue(Access.allowed(auth, "10.0.0.7", List.of(), "Bearer s-admin"));
        assertTrue(Access.allowed(auth, "10.0.0.7", List.of(), "bearer   s-viewer "));
        assertFalse(Access.allowed(auth, "10.0.0.7", List.of(), "Bearer nope"));
        assertFalse(Access.allowed(auth, "10.0.0.7", List.of(), "Basic YWRtaW46eA=="));
    }

    @Test
    void anAddressConfiguredOpenNeedsNoLogin() {
        auth.openAddresses = Set.of("127.0.0.1");
        assertTrue(Access.allowed(auth, "127.0.0.1", List.of(), null));
        assertFalse(Access.allowed(auth, "10.0.0.7", List.of(), null));
    }
}
