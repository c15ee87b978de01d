package org.ucv.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.ucv.api.auth.AuthException;
import org.ucv.api.auth.Role;

class RecentCredentialsTest {
    private final MutableClock clock = new MutableClock();
    private final RecentCredentials recent = new RecentCredentials(clock, new SecureRandom());

    @Test
    void aRememberedPairIsKnownUntilItExpiresOrTheHashChanges() {
        recent.remember("bob", "secret-1", "hash-a");
        assertTrue(recent.known("bob", "secret-1", "hash-a"));
        assertFalse(recent.known("bob", "secret-2", "hash-a"));
        assertFalse(recent.known("bobby", "secret-1", "hash-a"));
        assertFalse(recent.known("bob", "secret-1", "hash-b"), "a new password hash misses");
        assertFalse(recent.known("bob", "secret-1", "hash-a"), "and the entry is gone");

        recent.remember("bob", "secret-1", "hash-a");
        assertFalse(recent.known("bob", "secret-1", null), "a removed user misses");
        recent.remember("bob", "secret-1", "hash-a");
        clock.advance(RecentCredentials.TTL);
        assertFalse(recent.known("bob", "secret-1", "hash-a"));
    }

    @Test
    void theMapIsBoundedAndSwept() {
        for (int i = 0; i < RecentCredentials.MAX_ENTRIES + 10; i++) {
            recent.remember("u" + i, "p" + i, "h");
        }
        assertEquals(RecentCredentials.MAX_ENTRIES, recent.size());
        clock.advance(RecentCredentials.TTL.plusSeconds(1));
        recent.remember("fresh", "p", "h");
        assertEquals(1, recent.size());
    }

    @Test
    void basicLoginsOfTheCoreFollowPasswordResets() throws Exception {
        MemoryUsers users = new MemoryUsers();
        AuthCore core = new AuthCore(users, new PasswordHasher(1_000, new SecureRandom()), clock, new SecureRandom(),
                Settings.DEFAULTS);
        core.ensureAdmin("admin-password", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals("admin", core.verifyRepeated("admin", "admin-password", "a").user());
        assertEquals("admin", core.verifyRepeated("admin", "admin-password", "a").user());
        assertThrows(AuthException.class, () -> core.verifyRepeated("admin", "wrong-password", "a"));
        core.addUser("root", Role.ADMIN, "root-password");
        core.setPassword("admin", "changed-password");
        assertThrows(AuthException.class, () -> core.verifyRepeated("admin", "admin-password", "a"));
        assertEquals("admin", core.verifyRepeated("admin", "changed-password", "a").user());
        core.removeUser("admin");
        assertThrows(AuthException.class, () -> core.verifyRepeated("admin", "changed-password", "a"));
    }
}
