package org.ucv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The RFCs' own example values. */
class DigestTest {
    // RFC 7616 section 3.9.1
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void rfc7616Md5() {
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", Digest.response(DigestAlgorithm.MD5, false, "Mufasa",
                "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html", NONCE, "00000001", CNONCE, "auth"));
    }

    @Test
    void rfc7616Sha256() {
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                Digest.response(DigestAlgorithm.SHA_256, false, "Mufasa", "http-auth@example.org", "Circle of Life",
                        "GET", "/dir/index.html", NONCE, "00000001", CNONCE, "auth"));
    }

    @Test
    void rfc2617Md5() {
        assertEquals("6629fae49393a05397450978507c4ef1", Digest.response(DigestAlgorithm.MD5, false, "Mufasa",
                "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth"));
    }

    @Test
    void rfc2069FormWithoutQop() {
        // RFC 2069 (no qop): response = H(HA1:nonce:HA2); the value below is that formula computed by hand.
        String ha1 = DigestAlgorithm.MD5.hex("Mufasa:testrealm@host.com:Circle Of Life");
        String ha2 = DigestAlgorithm.MD5.hex("GET:/dir/index.html");
        assertEquals(DigestAlgorithm.MD5.hex(ha1 + ":abc:" + ha2), Digest.response(DigestAlgorithm.MD5, false,
                "Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html", "abc", null, null, null));
    }

    @Test
    void sessionAlgorithmHashesNonceAndCnonceIntoHa1() {
        String ha1 = DigestAlgorithm.MD5.hex(DigestAlgorithm.MD5.hex("u:r:p") + ":n:c");
        String ha2 = DigestAlgorithm.MD5.hex("GET:/");
        assertEquals(DigestAlgorithm.MD5.hex(ha1 + ":n:00000001:c:auth:" + ha2),
                Digest.response(DigestAlgorithm.MD5, true, "u", "r", "p", "GET", "/", "n", "00000001", "c", "auth"));
    }

    @Test
    void knownDigestOfEmptyText() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", DigestAlgorithm.MD5.hex(""));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DigestAlgorithm.SHA_256.hex(""));
        assertEquals("c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a",
                DigestAlgorithm.SHA_512_256.hex(""));
    }
}
