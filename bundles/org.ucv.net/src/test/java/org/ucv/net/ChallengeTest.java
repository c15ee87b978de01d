package org.ucv.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Header values as real servers send them. */
class ChallengeTest {
    @Test
    void rfc7616ExampleWithTwoChallengesInTwoHeaders() {
        List<Challenge> cs = Challenge.parse(List.of(
                "Digest\r\n realm=\"http-auth@example.org\",\r\n qop=\"auth, auth-int\",\r\n algorithm=SHA-256,"
                        + "\r\n nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
                        + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
                "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5,"
                        + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                        + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""));
        assertEquals(2, cs.size());
        assertEquals("SHA-256", cs.get(0).param("algorithm").orElseThrow());
        assertEquals("auth, auth-int", cs.get(0).param("QOP").orElseThrow());
        assertEquals("MD5", cs.get(1).param("algorithm").orElseThrow());
        assertEquals("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", cs.get(1).param("nonce").orElseThrow());
    }

    @Test
    void severalChallengesInOneHeader() {
        List<Challenge> cs = Challenge.parse("Digest realm=\"cam\", nonce=\"abc\", qop=\"auth\", Basic realm=\"cam\"");
        assertEquals(2, cs.size());
        assertTrue(cs.get(0).is("digest"));
        assertTrue(cs.get(1).is("BASIC"));
        assertEquals("cam", cs.get(1).param("realm").orElseThrow());
    }

    @Test
    void motionStyleDigest() {
        // libmicrohttpd (motion's web server) writes the parameters in this order, unquoted algorithm.
        List<Challenge> cs = Challenge.parse("Digest realm=\"Motion\",qop=\"auth\",nonce=\"f2a1"
                + "6b1d9b6f6d1e0e9a2f1e\",opaque=\"5a9e\",algorithm=MD5,stale=true");
        assertEquals(1, cs.size());
        assertEquals("true", cs.get(0).param("stale").orElseThrow());
        assertEquals("5a9e", cs.get(0).param("opaque").orElseThrow());
    }

    @Test
    void hikvisionStyleUnquotedAndSpaces() {
        List<Challenge> cs = Challenge.parse(
                "Digest qop=\"auth\", realm=\"IP Camera(C1234)\", nonce=\"4e5468694e7a\", stale=\"FALSE\"");
        assertEquals("IP Camera(C1234)", cs.get(0).param("realm").orElseThrow());
        assertEquals("FALSE", cs.get(0).param("stale").orElseThrow());
    }

    @Test
    void escapedQuotesAndCommasInsideValues() {
        List<Challenge> cs = Challenge.parse("Basic realm=\"a \\\"b\\\", c\", charset=\"UTF-8\"");
        assertEquals(1, cs.size());
        assertEquals("a \"b\", c", cs.get(0).param("realm").orElseThrow());
        assertEquals("UTF-8", cs.get(0).param("charset").orElseThrow());
    }

    @Test
    void token68SchemeIsSkippedAndTheNextChallengeKept() {
        List<Challenge> cs = Challenge.parse("Negotiate YIIFyQYGKwYBBQUCoIIFvTCCBbmgMDAuBgkqhkiC9xIBAgIGCSqGSIb3==,"
                + " Basic realm=\"x\"");
        assertEquals(2, cs.size());
        assertTrue(cs.get(0).is("Negotiate"));
        assertTrue(cs.get(0).params().isEmpty());
        assertTrue(cs.get(1).is("Basic"));
    }

    @Test
    void bareSchemesAndGarbage() {
        List<Challenge> cs = Challenge.parse("NTLM, Basic");
        assertEquals(2, cs.size());
        assertTrue(Challenge.parse("").isEmpty());
        assertTrue(Challenge.parse(",,, ").isEmpty());
        assertEquals("x", Challenge.parse("Basic realm=\"x").get(0).param("realm").orElseThrow());
    }
}
