package org.ucv.itests.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server side of HTTP Digest (RFC 7616, MD5, {@code qop=auth}) as cameras offer it on their
 * SOAP and snapshot URLs: a challenge with a nonce of ours, a check of the client's answer.
 */
final class HttpDigest {
    static final String REALM = "ucv-onvif-double";
    private static final Pattern PARAM = Pattern.compile("(\\w+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]+))");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCES_KEPT = 1000;

    private final Set<String> nonces = new LinkedHashSet<>();

    /** @return the value of a {@code WWW-Authenticate} header with a fresh nonce */
    synchronized String challenge() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        nonces.add(nonce);
        if (nonces.size() > NONCES_KEPT) {
            nonces.remove(nonces.iterator().next());
        }
        return "Digest realm=\"" + REALM + "\", qop=\"auth\", nonce=\"" + nonce + "\", algorithm=MD5";
    }

    /** @return whether {@code authorization} is a right Digest answer for this method and password */
    synchronized boolean accepts(String authorization, String method, String user, String password) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(authorization.substring(7));
        while (m.find()) {
            p.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2) : m.group(3));
        }
        String nonce = p.get("nonce");
        if (!user.equals(p.get("username")) || !REALM.equals(p.get("realm")) || nonce == null
                || !nonces.contains(nonce) || p.get("uri") == null || p.get("response") == null) {
            return false;
        }
        String ha1 = md5(user + ":" + REALM + ":" + password);
        String ha2 = md5(method + ":" + p.get("uri"));
        String qop = p.get("qop");
        String expected = qop == null ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + qop + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.get("response").toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
