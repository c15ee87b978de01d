package org.ucv.net;

/**
 * The Digest computations of RFC 7616 section 3.4.1 (and RFC 2617 without {@code qop}), as pure
 * functions so they can be checked against the RFCs' example values.
 */
public final class Digest {
    private Digest() {
    }

    /**
     * The {@code response} value of an {@code Authorization: Digest} header.
     *
     * @param algorithm the hash
     * @param session true for a {@code -sess} algorithm
     * @param username the user
     * @param realm the challenge's realm
     * @param password the password
     * @param method the request method, e.g. {@code GET}
     * @param uri the request target as sent in {@code uri=}, e.g. {@code /dir/index.html}
     * @param nonce the server's nonce
     * @param nc the nonce count as 8 hex digits, or null without qop
     * @param cnonce the client nonce, or null without qop (and not a session algorithm)
     * @param qop {@code auth}, or null for the RFC 2069 form
     * @return the lower-case hex response
     */
    public static String response(DigestAlgorithm algorithm, boolean session, String username, String realm,
                                  String password, String method, String uri, String nonce, String nc,
                                  String cnonce, String qop) {
        String ha1 = algorithm.hex(username + ":" + realm + ":" + password);
        if (session) {
            ha1 = algorithm.hex(ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = algorithm.hex(method + ":" + uri);
        return qop == null
                ? algorithm.hex(ha1 + ":" + nonce + ":" + ha2)
                : algorithm.hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}
