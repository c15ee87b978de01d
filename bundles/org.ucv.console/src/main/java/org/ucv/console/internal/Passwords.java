package org.ucv.console.internal;

import java.security.SecureRandom;

/** Generated passwords for users added or reset from the shell. */
public final class Passwords {
    /** Letters and digits without the look-alikes 0/O, 1/l/I: the password is read off a screen. */
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    /** 20 of 57 symbols: about 116 bits. */
    static final int LENGTH = 20;

    private final SecureRandom random;

    public Passwords(SecureRandom random) {
        this.random = random;
    }

    /** @return a new random password */
    public String next() {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
