package org.ucv.auth.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OriginCheckTest {
    private final OriginCheck none = new OriginCheck(List.of());

    @Test
    void clientsWithoutOriginAreNotBrowsersAndPass() {
        assertTrue(none.allowed(null, "http", "cams.local:8000"));
    }

    @Test
    void theServersOwnOriginPasses() {
        assertTrue(none.allowed("http://cams.local:8000", "http", "cams.local:8000"));
        assertTrue(none.allowed("http://CAMS.local:8000", "http", "cams.LOCAL:8000"));
        assertTrue(none.allowed("https://cams.local:8443", "https", "cams.local:8443"));
        assertTrue(none.allowed("http://cams.local", "http", "cams.local"));
        assertTrue(none.allowed("http://cams.local:80", "http", "cams.local"));
        assertTrue(none.allowed("http://127.0.0.1:8000", "http", "127.0.0.1:8000"));
        assertTrue(none.allowed("http://[::1]:8000", "http", "[::1]:8000"));
        // Behind a TLS proxy that keeps the Host header: the page is https, the request here http.
        assertTrue(none.allowed("https://cams.example.org", "http", "cams.example.org"));
    }

    @Test
    void otherOriginsAreRefused() {
        assertFalse(none.allowed("http://evil.example:8000", "http", "cams.local:8000"));
        assertFalse(none.allowed("http://cams.local:9000", "http", "cams.local:8000"));
        assertFalse(none.allowed("http://cams.local.evil.example:8000", "http", "cams.local:8000"));
        assertFalse(none.allowed("http://cams.local:8000", "http", "cams.local"));
        assertFalse(none.allowed("null", "http", "cams.local:8000"));
        assertFalse(none.allowed("file://", "http", "cams.local:8000"));
        assertFalse(none.allowed("not a url", "http", "cams.local:8000"));
        assertFalse(none.allowed("http://cams.local:8000", "http", null));
        assertFalse(none.allowed("http://cams.local:8000", "http", "cams.local:x"));
    }

    @Test
    void listedOriginsPassInAnyWriting() {
        OriginCheck listed = new OriginCheck(List.of("https://Example.org:443/", " http://dash.local:3000 "));
        assertTrue(listed.allowed("https://example.org", "http", "cams.local:8000"));
        assertTrue(listed.allowed("http://dash.local:3000", "http", "cams.local:8000"));
        assertFalse(listed.allowed("http://example.org", "http", "cams.local:8000"));
        assertFalse(listed.allowed("http://dash.local:3001", "http", "cams.local:8000"));
    }

    @Test
    void aStarAllowsAll() {
        assertTrue(new OriginCheck(List.of("*")).allowed("http://anything.example", "http", "cams.local:8000"));
    }

    @Test
    void loopbackAddresses() {
        assertTrue(Addresses.isLoopback("127.0.0.1"));
        assertTrue(Addresses.isLoopback("127.1.2.3"));
        assertTrue(Addresses.isLoopback("::1"));
        assertTrue(Addresses.isLoopback("[0:0:0:0:0:0:0:1]"));
        assertTrue(Addresses.isLoopback("0:0:0:0:0:0:0:1%lo"));
        assertTrue(Addresses.isLoopback("::ffff:127.0.0.1"));
        assertFalse(Addresses.isLoopback("10.0.0.1"));
        assertFalse(Addresses.isLoopback("localhost"));
        assertFalse(Addresses.isLoopback("127.evil.example"));
        assertFalse(Addresses.isLoopback(null));
    }
}
