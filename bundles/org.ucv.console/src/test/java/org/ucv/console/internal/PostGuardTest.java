package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class PostGuardTest {
    private final PostGuard guard = new PostGuard(new SecureRandom());

    @Test
    void acceptsTheTokenOfThePage() {
        assertTrue(guard.token().length() >= 32);
        assertNull(guard.refusal(guard.token(), null));
        assertNull(guard.refusal(guard.token(), "same-origin"));
    }

    @Test
    void refusesAMissingOrWrongToken() {
        assertNotNull(guard.refusal(null, "same-origin"));
        assertNotNull(guard.refusal("", null));
        assertNotNull(guard.refusal(guard.token() + "x", null));
        assertNotNull(guard.refusal(new PostGuard(new SecureRandom()).token(), null));
    }

    @Test
    void refusesACrossSitePostEvenWithTheToken() {
        assertNotNull(guard.refusal(guard.token(), "cross-site"));
    }

    @Test
    void everyActivationHasItsOwnToken() {
        assertNotEquals(guard.token(), new PostGuard(new SecureRandom()).token());
    }
}
