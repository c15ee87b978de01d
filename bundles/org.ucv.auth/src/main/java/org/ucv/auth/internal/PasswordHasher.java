package org.ucv.auth.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import java.util.concurrent.Semaphore;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted slow password hashes: PBKDF2 with HMAC-SHA-256 from the JDK, a random 16-byte salt and
 * an iteration count kept in the hash text, so a later release can raise the count without
 * breaking stored hashes. Form: {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}.
 */
public final class PasswordHasher {
    /** The prefix of every hash this class writes. */
    public static final String SCHEME = "pbkdf2-sha256";
    /**
     * About 80-130 ms per check on the 2-core build machine (measured with Java 17, see
     * docs/security.md): slow enough that an offline guess costs, fast enough for a login.
     * OWASP's 2021 figure for PBKDF2-HMAC-SHA256.
     */
    public static final int DEFAULT_ITERATIONS = 310_000;
    /** Stored hashes outside these bounds are refused: a tampered file must not stall a login thread. */
    static final int MIN_ITERATIONS = 1_000;
    static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private final int iterations;
    private final SecureRandom random;
    /**
     * Hashing is CPU only: at most one per core at a time, so a flood of logins queues instead of
     * starving the video threads.
     */
    private final Semaphore cpu = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);

    public PasswordHasher(int iterations, SecureRandom random) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be " + MIN_ITERATIONS + "-" + MAX_ITERATIONS);
        }
        this.iterations = iterations;
        this.random = random;
    }

    /** @return the iterations of new hashes */
    public int iterations() {
        return iterations;
    }

    /**
     * @param password the clear password
     * @return its salted hash in the text form above
     */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * @param password the clear password
     * @param stored a hash from {@link #hash}
     * @return whether they match; false for a malformed hash (after the same work, so a damaged
     *         user costs the same time as a wrong password)
     */
    public boolean verify(String password, String stored) {
        Parsed parsed = parse(stored);
        if (parsed == null) {
            derive(password, new byte[SALT_BYTES], iterations);
            return false;
        }
        byte[] actual = derive(password, parsed.salt, parsed.iterations);
        // Constant time: the comparison must not tell how many leading bytes matched.
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /** @return whether {@code stored} has the form this class writes */
    public static boolean wellFormed(String stored) {
        return parse(stored) != null;
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return null;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS || salt.length < 8 || hash.length != HASH_BITS / 8) {
                return null;
            }
            return new Parsed(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] derive(String password, byte[] salt, int rounds) {
        KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, HASH_BITS);
        cpu.acquireUninterruptibly();
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java 8+ runtime has PBKDF2WithHmacSHA256: this is a broken JDK, not a bad password.
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        } finally {
            cpu.release();
            ((PBEKeySpec) spec).clearPassword();
        }
    }
}
