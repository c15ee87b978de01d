package org.ucv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ucv.net.HttpAuthenticator.Outcome;

class HttpAuthenticatorTest {
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static final String SHA256_CHALLENGE = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\","
            + " algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
            + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    private static final String MD5_CHALLENGE = SHA256_CHALLENGE.replace("SHA-256", "MD5");

    private static HttpAuthenticator rfcClient() {
        return new HttpAuthenticator("Mufasa", "Circle of Life", () -> CNONCE);
    }

    @Test
    void basicHeaderOfRfc7617() {
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", HttpAuthenticator.basic("Aladdin", "open sesame"));
        assertEquals("Basic dGVzdDoxMjPCow==", HttpAuthenticator.basic("test", "123\u00a3"));
    }

    @Test
    void noHeaderBeforeAChallenge() {
        assertTrue(rfcClient().authorization("GET", "/").isEmpty());
    }

    @Test
    void answersTheRfc7616ExampleWithSha256WhenBothAreOffered() {
        HttpAuthenticator a = rfcClient();
        a.authorization("GET", "/dir/index.html");
        assertEquals(Outcome.RETRY, a.onUnauthorized(List.of(MD5_CHALLENGE, SHA256_CHALLENGE)));
        Map<String, String> h = params(a.authorization("GET", "/dir/index.html").orElseThrow());
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", h.get("response"));
        assertEquals("SHA-256", h.get("algorithm"));
        assertEquals("00000001", h.get("nc"));
        assertEquals("auth", h.get("qop"));
        assertEquals(CNONCE, h.get("cnonce"));
        assertEquals("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", h.get("opaque"));
        assertEquals("/dir/index.html", h.get("uri"));
        assertEquals("Mufasa", h.get("username"));
    }

    @Test
    void answersTheRfc7616ExampleWithMd5() {
        HttpAuthenticator a = rfcClient();
        assertEquals(Outcome.RETRY, a.onUnauthorized(List.of(MD5_CHALLENGE)));
        assertEquals("8ca523f5e9506fed4657c9700eebdbec",
                params(a.authorization("GET", "/dir/index.html").orElseThrow()).get("response"));
    }

    @Test
    void nonceCountRisesPerRequest() {
        HttpAuthenticator a = rfcClient();
        a.onUnauthorized(List.of(MD5_CHALLENGE));
        a.authorization("GET", "/a");
        a.authorization("GET", "/a");
        assertEquals("00000003", params(a.authorization("GET", "/a").orElseThrow()).get("nc"));
    }

    @Test
    void digestPreferredOverBasic() {
        HttpAuthenticator a = rfcClient();
        a.onUnauthorized(List.of("Basic realm=\"x\"", MD5_CHALLENGE));
        assertTrue(a.authorization("GET", "/").orElseThrow().startsWith("Digest "));
    }

    @Test
    void basicWhenOnlyBasic() {
        HttpAuthenticator a = new HttpAuthenticator("Aladdin", "open sesame");
        assertEquals(Outcome.RETRY, a.onUnauthorized(List.of("Basic realm=\"WallyWorld\"")));
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", a.authorization("GET", "/").orElseThrow());
    }

    @Test
    void secondRefusalIsRejected() {
        HttpAuthenticator a = rfcClient();
        a.authorization("GET", "/");
        assertEquals(Outcome.RETRY, a.onUnauthorized(List.of(MD5_CHALLENGE)));
        a.authorization("GET", "/");
        assertEquals(Outcome.REJECTED, a.onUnauthorized(List.of(MD5_CHALLENGE)));
    }

    @Test
    void staleNonceIsRetriedWithTheNewNonceAndCountRestarts() {
        HttpAuthenticator a = rfcClient();
        a.onUnauthorized(List.of(MD5_CHALLENGE));
        a.authorization("GET", "/");
        a.authorization("GET", "/");
        assertEquals(Outcome.RETRY, a.onUnauthorized(List.of(
                "Digest realm=\"http-auth@example.org\", qop=\"auth\", nonce=\"fresh\", stale=true")));
        Map<String, String> h = params(a.authorization("GET", "/").orElseThrow());
        assertEquals("fresh", h.get("nonce"));
        assertEquals("00000001", h.get("nc"));
    }

    @Test
    void aNonceThatWorkedIsRetriedOnceWhenTheServerExpiresItSilently() {
        HttpAuthenticator a = rfcClient();
        a.onUnauthorized(List.of(MD5_CHALLENGE));
        a.authorization("GET", "/");
        a.succeeded();
        a.authorization("GET", "/");
        assertEquals(Outcome.RETRY, a.onUnauthorized(List.of(MD5_CHALLENGE.replace("7ypf", "8ypf"))));
        a.authorization("GET", "/");
        assertEquals(Outcome.REJECTED, a.onUnauthorized(List.of(MD5_CHALLENGE.replace("7ypf", "9ypf"))));
    }

    @Test
    void endlessStaleLoopIsBounded() {
        HttpAuthenticator a = rfcClient();
        int retries = 0;
        Outcome o;
        do {
            a.authorization("GET", "/");
            o = a.onUnauthorized(List.of(MD5_CHALLENGE + ", stale=true"));
            retries++;
        } while (o == Outcome.RETRY && retries < 100);
        assertEquals(Outcome.REJECTED, o);
        assertTrue(retries <= 5, "retries " + retries);
    }

    @Test
    void noCredentialsAndUnsupportedSchemes() {
        assertEquals(Outcome.NO_CREDENTIALS, new HttpAuthenticator(null, null).onUnauthorized(List.of(MD5_CHALLENGE)));
        assertEquals(Outcome.UNSUPPORTED, rfcClient().onUnauthorized(List.of("NTLM", "Negotiate")));
        assertEquals(Outcome.UNSUPPORTED, rfcClient().onUnauthorized(List.of(
                "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"")));
        assertEquals(Outcome.UNSUPPORTED, rfcClient().onUnauthorized(List.of(
                "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1")));
        assertFalse(new HttpAuthenticator("", "x").hasCredentials());
    }

    @Test
    void legacyDigestWithoutQopSendsNoNc() {
        HttpAuthenticator a = rfcClient();
        a.onUnauthorized(List.of("Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\""));
        Map<String, String> h = params(a.authorization("GET", "/dir/index.html").orElseThrow());
        assertFalse(h.containsKey("nc"));
        assertFalse(h.containsKey("qop"));
        assertEquals(Digest.response(DigestAlgorithm.MD5, false, "Mufasa", "testrealm@host.com", "Circle of Life",
                "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", null, null, null), h.get("response"));
    }

    @Test
    void sessionAlgorithmKeepsOneCnonce() {
        int[] n = {0};
        HttpAuthenticator a = new HttpAuthenticator("u", "p", () -> "c" + n[0]++);
        a.onUnauthorized(List.of("Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=MD5-sess"));
        Map<String, String> first = params(a.authorization("GET", "/").orElseThrow());
        Map<String, String> second = params(a.authorization("GET", "/").orElseThrow());
        assertEquals("MD5-sess", first.get("algorithm"));
        assertEquals(first.get("cnonce"), second.get("cnonce"));
        assertEquals(Digest.response(DigestAlgorithm.MD5, true, "u", "r", "p", "GET", "/", "n", "00000002",
                second.get("cnonce"), "auth"), second.get("response"));
    }

    @Test
    void toStringHidesCredentials() {
        HttpAuthenticator a = new HttpAuthenticator("admin", "s3cret-pw");
        a.onUnauthorized(List.of("Basic realm=\"x\""));
        assertFalse(a.toString().contains("s3cret"));
        assertFalse(a.toString().contains("admin"));
    }

    /** Reads our own Authorization header back with the challenge parser (same grammar). */
    private static Map<String, String> params(String header) {
        return Challenge.parse(header).get(0).params();
    }
}
