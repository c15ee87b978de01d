package org.ucv.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The hash algorithms of HTTP Digest (RFC 7616 section 3.3), strongest last. */
public enum DigestAlgorithm {
    /** {@code MD5}, the default when a challenge names none (RFC 2617). */
    MD5("MD5", "MD5"),
    /** {@code SHA-256}. */
    SHA_256("SHA-256", "SHA-256"),
    /** {@code SHA-512-256} (SHA-512/256). */
    SHA_512_256("SHA-512-256", "SHA-512/256");

    private final String wireName;
    private final String javaName;

    DigestAlgorithm(String wireName, String javaName) {
        this.wireName = wireName;
        this.javaName = javaName;
    }

    /** @return the name as written in headers, e.g. {@code SHA-256} */
    public String wireName() {
        return wireName;
    }

    /**
     * @param text the text to hash, encoded as UTF-8
     * @return the lower-case hex digest
     */
    public String hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance(javaName);
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java 17 runtime has these three (they are required or standard in the JDK).
            throw new IllegalStateException("no " + javaName + " in this Java runtime", e);
        }
    }

    /**
     * @param name an {@code algorithm} value without its {@code -sess} suffix, any case; null means MD5
     * @return the algorithm, or empty when unknown
     */
    public static Optional<DigestAlgorithm> fromWire(String name) {
        if (name == null) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm a : values()) {
            if (a.wireName.equalsIgnoreCase(name.trim())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    static String stripSess(String algorithm) {
        return algorithm != null && algorithm.toLowerCase(Locale.ROOT).endsWith("-sess")
                ? algorithm.substring(0, algorithm.length() - 5) : algorithm;
    }
}
