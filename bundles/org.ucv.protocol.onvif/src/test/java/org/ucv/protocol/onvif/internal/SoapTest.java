package org.ucv.protocol.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class SoapTest {
    /**
     * The example of the ONVIF Application Programmer's Guide (section 6.1.1.3). Checked
     * independently: printf '%s' 'LKqI6G/AikKCQrN0zqZFlg==' | base64 -d > n.bin;
     * (cat n.bin; printf '%s%s' '2010-09-16T07:50:45Z' 'userpassword') | openssl dgst -sha1 -binary | base64
     * prints tuOSpGlFlIXsozq4HFNeeGeFLEI=
     */
    @Test
    void passwordDigestMatchesTheProgrammersGuideExample() {
        byte[] nonce = Base64.getDecoder().decode("LKqI6G/AikKCQrN0zqZFlg==");
        assertEquals("tuOSpGlFlIXsozq4HFNeeGeFLEI=", Soap.passwordDigest(nonce, "2010-09-16T07:50:45Z", "userpassword"));
    }

    /**
     * A UTF-8 password with reserved characters. Checked with: python3 -c "import sys;
     * sys.stdout.buffer.write(bytes(range(16)))" > n.bin; (cat n.bin; printf '%s%s'
     * '2024-03-07T06:05:01Z' 'pä$$:w@rd') | openssl dgst -sha1 -binary | base64 (in a UTF-8 shell)
     */
    @Test
    void passwordDigestOfAUtf8Password() {
        byte[] nonce = new byte[16];
        for (int i = 0; i < 16; i++) {
            nonce[i] = (byte) i;
        }
        assertEquals("UbxGBM2z8feBYXivTc1I0+7SVeM=", Soap.passwordDigest(nonce, "2024-03-07T06:05:01Z", "pä$$:w@rd"));
    }

    @Test
    void usernameTokenCarriesDigestNonceAndCreatedButNotThePassword() throws Exception {
        byte[] nonce = Base64.getDecoder().decode("LKqI6G/AikKCQrN0zqZFlg==");
        String header = Soap.usernameToken("ad<min>", "userpassword", Instant.parse("2010-09-16T07:50:45.678Z"), nonce);
        String envelope = Soap.envelope(header, OnvifMessages.getDeviceInformation());
        assertFalse(envelope.contains("userpassword"));
        Element root = SafeXml.parse(envelope.getBytes(StandardCharsets.UTF_8), 1 << 16).getDocumentElement();
        assertEquals(Ns.SOAP, root.getNamespaceURI());
        Element token = SafeXml.child(root, "Header", "Security", "UsernameToken").orElseThrow();
        assertEquals(Ns.WSSE, token.getNamespaceURI());
        assertEquals("ad<min>", SafeXml.text(token, "Username").orElseThrow());
        Element password = SafeXml.child(token, "Password").orElseThrow();
        assertEquals(Ns.PASSWORD_DIGEST, password.getAttribute("Type"));
        // whole seconds: the digest covers the Created text exactly as sent
        assertEquals("2010-09-16T07:50:45Z", SafeXml.text(token, "Created").orElseThrow());
        assertEquals(Ns.WSU, SafeXml.child(token, "Created").orElseThrow().getNamespaceURI());
        assertEquals("tuOSpGlFlIXsozq4HFNeeGeFLEI=", SafeXml.text(password));
        assertEquals("LKqI6G/AikKCQrN0zqZFlg==", SafeXml.text(token, "Nonce").orElseThrow());
        Element body = SafeXml.child(root, "Body", "GetDeviceInformation").orElseThrow();
        assertEquals(Ns.DEVICE, body.getNamespaceURI());
    }

    @Test
    void noncesAreSixteenFreshBytes() {
        byte[] a = Soap.nonce();
        byte[] b = Soap.nonce();
        assertEquals(16, a.length);
        assertNotEquals(Base64.getEncoder().encodeToString(a), Base64.getEncoder().encodeToString(b));
    }

    @Test
    void envelopeWithoutHeader() {
        String e = Soap.envelope("", OnvifMessages.getSystemDateAndTime());
        assertFalse(e.contains("Header"));
        assertTrue(e.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + Ns.SOAP + "\">"));
        assertEquals("application/soap+xml; charset=utf-8", Soap.CONTENT_TYPE);
    }
}
