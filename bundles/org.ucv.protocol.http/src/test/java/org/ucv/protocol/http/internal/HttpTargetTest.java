package org.ucv.protocol.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;
import org.ucv.protocol.http.internal.HttpOptions.Mode;

class HttpTargetTest {
    private static CameraConfig.Builder cam() {
        return CameraConfig.builder("c1").protocol("http");
    }

    @Test
    void fromUrlWithQueryAndPort() {
        HttpTarget t = HttpTarget.of(cam().url("http://10.0.0.5:8080/cgi-bin/mjpg/video.cgi?channel=1&subtype=1")
                .username("admin").password("pw").build(), Mode.MJPEG);
        assertFalse(t.tls());
        assertEquals("10.0.0.5", t.host());
        assertEquals(8080, t.port());
        assertEquals("/cgi-bin/mjpg/video.cgi?channel=1&subtype=1", t.requestTarget());
        assertEquals("10.0.0.5:8080", t.hostHeader());
        assertEquals("admin", t.username());
    }

    @Test
    void credentialsInTheUrlAreUsedOnlyWithoutConfiguredOnesAndNeverShown() {
        HttpTarget t = HttpTarget.of(cam().url("https://u%40x:p%3Aw%2Bd@cam.local/").build(), Mode.MJPEG);
        assertEquals("u@x", t.username());
        assertEquals("p:w+d", t.password());
        assertEquals(443, t.port());
        assertEquals("cam.local", t.hostHeader());
        assertFalse(t.toString().contains("p:w"));
        assertEquals("https://cam.local/", t.display());
        HttpTarget own = HttpTarget.of(cam().url("http://a:b@h/").username("me").build(), Mode.MJPEG);
        assertEquals("me", own.username());
        assertNull(own.password());
    }

    @Test
    void fromHostAndBrand() {
        HttpTarget t = HttpTarget.of(cam().protocol("https").host("192.168.1.9").brand("hikvision").channel("2")
                .build(), Mode.SNAPSHOT);
        assertTrue(t.tls());
        assertEquals(443, t.port());
        assertEquals("/ISAPI/Streaming/channels/201/picture", t.requestTarget());
        HttpTarget p = HttpTarget.of(cam().host("h").port(81).path("live.mjpg").build(), Mode.MJPEG);
        assertEquals("/live.mjpg", p.requestTarget());
        assertEquals("h:81", p.hostHeader());
    }

    @Test
    void ipv6Host() {
        HttpTarget t = HttpTarget.of(cam().url("http://[::1]:8081/").build(), Mode.MJPEG);
        assertEquals("::1", t.host());
        assertEquals("[::1]:8081", t.hostHeader());
    }

    @Test
    void badConfigurationsNameTheFaultWithoutThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpTarget.of(cam().url("rtsp://u:secret@h/x").build(), Mode.MJPEG));
        assertFalse(e.getMessage().contains("secret"));
        assertThrows(IllegalArgumentException.class, () -> HttpTarget.of(cam().build(), Mode.MJPEG));
    }

    @Test
    void snapshotUrlAsPathOrUrl() {
        CameraConfig c = cam().url("http://h:81/video").username("u").password("p").build();
        HttpTarget base = HttpTarget.of(c, Mode.MJPEG);
        assertEquals("h:81", HttpTarget.resolve(c, "/current", base).hostHeader());
        assertEquals("/current", HttpTarget.resolve(c, "/current", base).requestTarget());
        assertEquals("other", HttpTarget.resolve(c, "http://other/snap.jpg", base).host());
    }
}
