package org.ucv.itests.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * WS-Security UsernameToken with PasswordDigest, as ONVIF devices check it:
 * {@code Base64(SHA-1(nonce + created + password))}, {@code Created} within a skew of the
 * device's own clock. A repeated nonce is counted, and refused only when asked: libonvif (onvif-util)
 * seeds its nonce from the second, so it repeats them, and many cameras accept that.
 */
final class WsSecurity {
    /** Why a request was refused or accepted; tests assert on it through {@link OnvifDevice.Call}. */
    enum Verdict {
        OK, MISSING, UNKNOWN_USER, NOT_DIGEST, MALFORMED, STALE_CREATED, WRONG_PASSWORD, REPLAYED_NONCE
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Bounded memory of used nonces: oldest forgotten first. */
    private static final int NONCES_KEPT = 10_000;

    private int reuses;
    private final Map<String, Instant> usedNonces = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > NONCES_KEPT;
        }
    };

    /**
     * @param header the SOAP Header, or null
     * @param user the one account
     * @param password its password
     * @param deviceNow the device's clock (with its offset)
     * @param maxSkew how far {@code Created} may be from {@code deviceNow}
     */
    synchronized Verdict check(Element header, String user, String password, Instant deviceNow, Duration maxSkew,
                               boolean rejectReplay) {
        Element security = Xml.child(header, Xml.WSSE, "Security");
        Element token = Xml.child(security, Xml.WSSE, "UsernameToken");
        if (token == null) {
            return Verdict.MISSING;
        }
        String username = Xml.childText(token, "Username");
        Element passwordElement = Xml.child(token, Xml.WSSE, "Password");
        String nonce = Xml.childText(token, "Nonce");
        String created = Xml.childText(token, "Created");
        if (username == null || passwordElement == null) {
            return Verdict.MALFORMED;
        }
        if (!username.equals(user)) {
            return Verdict.UNKNOWN_USER;
        }
        if (!Xml.PASSWORD_DIGEST.equals(passwordElement.getAttribute("Type"))) {
            return Verdict.NOT_DIGEST;
        }
        if (nonce == null || created == null) {
            return Verdict.MALFORMED;
        }
        byte[] nonceBytes;
        Instant createdAt;
        try {
            nonceBytes = Base64.getDecoder().decode(nonce);
            createdAt = parseTime(created);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Verdict.MALFORMED;
        }
        if (Duration.between(createdAt, deviceNow).abs().compareTo(maxSkew) > 0) {
            return Verdict.STALE_CREATED;
        }
        byte[] expected = digest(nonceBytes, created, password).getBytes(StandardCharsets.US_ASCII);
        byte[] given = passwordElement.getTextContent().trim().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Verdict.WRONG_PASSWORD;
        }
        if (usedNonces.putIfAbsent(nonce, createdAt) != null) {
            reuses++;
            if (rejectReplay) {
                return Verdict.REPLAYED_NONCE;
            }
        }
        return Verdict.OK;
    }

    /** @return how many accepted tokens repeated a nonce already seen */
    synchronized int nonceReuses() {
        return reuses;
    }

    private static Instant parseTime(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /** {@code Base64(SHA-1(nonce + created + password))} */
    static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client's Security header, for the tests' own requests to the double. */
    static String header(String user, String password, Instant created) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String createdText = created.toString();
        return "<wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"" + Xml.WSSE + "\" xmlns:wsu=\"" + Xml.WSU + "\">"
                + "<wsse:UsernameToken><wsse:Username>" + Xml.esc(user) + "</wsse:Username>"
                + "<wsse:Password Type=\"" + Xml.PASSWORD_DIGEST + "\">" + digest(nonce, createdText, password)
                + "</wsse:Password><wsse:Nonce EncodingType=\"" + Xml.BASE64_BINARY + "\">"
                + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce><wsu:Created>" + createdText
                + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }
}
