package org.ucv.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1_000, new SecureRandom());

    @Test
    void hashHasTheDocumentedFormAndVerifies() {
        String hash = hasher.hash("correct horse");
        String[] parts = hash.split("\\$");
        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("1000", parts[1]);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
        assertTrue(hasher.verify("correct horse", hash));
        assertFalse(hasher.verify("correct hors", hash));
        assertFalse(hasher.verify("", hash));
        assertFalse(hash.contains("correct"));
    }

    @Test
    void saltMakesEveryHashDifferent() {
        assertNotEquals(hasher.hash("same password"), hasher.hash("same password"));
    }

    @Test
    void iterationsAreReadFromTheStoredHash() {
        String weaker = new PasswordHasher(1_500, new SecureRandom()).hash("pässwörd \uD83D\uDE00");
        assertTrue(hasher.verify("pässwörd \uD83D\uDE00", weaker));
        assertFalse(hasher.verify("passwort", weaker));
    }

    @Test
    void malformedOrOutOfBoundsHashesNeverVerify() {
        String good = hasher.hash("password1");
        String[] p = good.split("\\$");
        assertFalse(hasher.verify("password1", null));
        assertFalse(hasher.verify("password1", "password1"));
        assertFalse(hasher.verify("password1", "bcrypt$" + p[1] + "$" + p[2] + "$" + p[3]));
        assertFalse(hasher.verify("password1", p[0] + "$999999999$" + p[2] + "$" + p[3]));
        assertFalse(hasher.verify("password1", p[0] + "$10$" + p[2] + "$" + p[3]));
        assertFalse(hasher.verify("password1", p[0] + "$" + p[1] + "$!!$" + p[3]));
        assertFalse(hasher.verify("password1", p[0] + "$" + p[1] + "$" + p[2] + "$" + p[2]));
        assertFalse(PasswordHasher.wellFormed("plain"));
        assertTrue(PasswordHasher.wellFormed(good));
    }

    @Test
    void iterationCountIsBounded() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(10, new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(Integer.MAX_VALUE, new SecureRandom()));
    }

    /** Prints what one check costs here with the shipped count (docs/security.md quotes it). */
    @Test
    void defaultIterationsCostAboutAHundredMilliseconds() {
        PasswordHasher shipped = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS, new SecureRandom());
        String hash = shipped.hash("warm up the JIT");
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertTrue(shipped.verify("warm up the JIT", hash));
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("PBKDF2-SHA256 x %d: %.0f ms per check%n", PasswordHasher.DEFAULT_ITERATIONS, best / 1e6);
    }
}
