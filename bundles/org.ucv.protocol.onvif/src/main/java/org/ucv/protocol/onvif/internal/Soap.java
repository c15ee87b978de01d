package org.ucv.protocol.onvif.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Builds SOAP 1.2 envelopes and the WS-Security UsernameToken header (OASIS Username Token Profile
 * 1.0, PasswordDigest), the authentication every ONVIF device must accept.
 */
public final class Soap {
    /** The content type of a SOAP 1.2 request (RFC 3902). */
    public static final String CONTENT_TYPE = "application/soap+xml; charset=utf-8";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Whole seconds and a 'Z': the form every device parses; the digest covers exactly this text. */
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Soap() {
    }

    /**
     * @param header the header's content (e.g. {@link #usernameToken}), or empty for no header
     * @param body the body's content: one request element that declares its own namespaces
     * @return the whole envelope
     */
    public static String envelope(String header, String body) {
        StringBuilder b = new StringBuilder(512 + header.length() + body.length());
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<s:Envelope xmlns:s=\"").append(Ns.SOAP).append("\">");
        if (!header.isEmpty()) {
            b.append("<s:Header>").append(header).append("</s:Header>");
        }
        return b.append("<s:Body>").append(body).append("</s:Body></s:Envelope>").toString();
    }

    /**
     * The WS-Security header with a UsernameToken whose password is digested.
     *
     * @param username the user
     * @param password the password (never sent: only its digest is)
     * @param created the device's idea of now (our clock plus the device's offset)
     * @param nonce 16 random bytes, fresh for each request
     * @return the {@code wsse:Security} element
     */
    public static String usernameToken(String username, String password, Instant created, byte[] nonce) {
        String createdText = created(created);
        return "<wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"" + Ns.WSSE + "\" xmlns:wsu=\"" + Ns.WSU + "\">"
                + "<wsse:UsernameToken>"
                + "<wsse:Username>" + SafeXml.escape(username) + "</wsse:Username>"
                + "<wsse:Password Type=\"" + Ns.PASSWORD_DIGEST + "\">" + passwordDigest(nonce, createdText, password)
                + "</wsse:Password>"
                + "<wsse:Nonce EncodingType=\"" + Ns.BASE64_BINARY + "\">" + Base64.getEncoder().encodeToString(nonce)
                + "</wsse:Nonce>"
                + "<wsu:Created>" + createdText + "</wsu:Created>"
                + "</wsse:UsernameToken></wsse:Security>";
    }

    /**
     * @param created a time
     * @return it as the token's {@code Created} text, UTC, whole seconds
     */
    public static String created(Instant created) {
        return CREATED.format(created.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * {@code Base64(SHA-1(nonce + created + password))}, nonce as raw bytes, the others as UTF-8.
     *
     * @param nonce the raw nonce bytes
     * @param created the {@code Created} text exactly as sent
     * @param password the password
     * @return the digest, Base64
     */
    public static String passwordDigest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update((password == null ? "" : password).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
        }
    }

    /** @return 16 fresh random bytes for a token's nonce */
    public static byte[] nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }
}
