package org.ucv.protocol.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;

class OnvifTargetTest {
    private static CameraConfig.Builder cam() {
        return CameraConfig.builder("cam").protocol("onvif");
    }

    @Test
    void fromUrlWithAndWithoutPath() {
        assertEquals(URI.create("http://10.0.0.5:8080/onvif/device_service"),
                OnvifTarget.of(cam().url("http://10.0.0.5:8080").build()).device());
        assertEquals(URI.create("http://10.0.0.5/onvif/device_service"),
                OnvifTarget.of(cam().url("10.0.0.5").build()).device());
        assertEquals(URI.create("https://cam.local/onvif/other"),
                OnvifTarget.of(cam().url("https://cam.local/onvif/other").build()).device());
    }

    @Test
    void fromHostPortAndPath() {
        assertEquals(URI.create("http://10.0.0.5/onvif/device_service"), OnvifTarget.of(cam().host("10.0.0.5").build()).device());
        assertEquals(URI.create("http://[fe80::1]:8000/x"),
                OnvifTarget.of(cam().host("fe80::1").port(8000).path("x").build()).device());
    }

    @Test
    void credentialsFromTheCameraElseFromTheUrlButNeverInTheDeviceUri() {
        OnvifTarget t = OnvifTarget.of(cam().url("http://u%40x:p%3Aw+d@10.0.0.5/").build());
        assertEquals("u@x", t.username());
        assertEquals("p:w+d", t.password());
        assertNull(t.device().getUserInfo());
        assertFalse(t.toString().contains("p:w+d"));
        OnvifTarget c = OnvifTarget.of(cam().url("http://a:b@10.0.0.5/").username("admin").password("secret").build());
        assertEquals("admin", c.username());
        assertEquals("secret", c.password());
    }

    @Test
    void refusesOtherSchemesAndNoAddress() {
        assertThrows(IllegalArgumentException.class, () -> OnvifTarget.of(cam().url("rtsp://10.0.0.5/").build()));
        assertThrows(IllegalArgumentException.class, () -> OnvifTarget.of(cam().build()));
    }

    @Test
    void rewritesHosts() {
        OnvifTarget t = OnvifTarget.of(cam().url("http://public.example:8081").build());
        assertEquals(URI.create("rtsp://public.example:554/live?x=1"),
                t.onDeviceHost(URI.create("rtsp://192.168.1.2:554/live?x=1"), true));
        assertEquals(URI.create("http://public.example:8081/onvif/Media"),
                t.onDeviceHost(URI.create("http://192.168.1.2/onvif/Media"), false));
    }

    @Test
    void settingsTakeCameraOptions() {
        OnvifSettings d = OnvifSettings.defaults();
        OnvifSettings s = d.forCamera(cam().url("h").stream("sub").option("media", "MEDIA2")
                .option("request_timeout_ms", "2500").option("rewrite_host", "yes").build());
        assertEquals("sub", s.profile());
        assertEquals("media2", s.media());
        assertEquals(Duration.ofMillis(2500), s.requestTimeout());
        assertTrue(s.rewriteHost());
        assertEquals("Profile_9", d.forCamera(cam().stream("sub").option("profile", "Profile_9").build()).profile());
        assertEquals("main", d.forCamera(cam().build()).profile());
        assertThrows(IllegalArgumentException.class, () -> d.forCamera(cam().option("media", "media3").build()));
        assertThrows(IllegalArgumentException.class, () -> d.forCamera(cam().option("connect_timeout_ms", "x").build()));
        assertThrows(IllegalArgumentException.class, () -> d.forCamera(cam().option("connect_timeout_ms", "5").build()));
        assertThrows(IllegalArgumentException.class, () -> d.forCamera(cam().option("insecure_tls", "maybe").build()));
    }

    @Test
    void messagesNumbers() {
        assertEquals("0.5", OnvifMessages.number(0.5));
        assertEquals("-1", OnvifMessages.number(-3));
        assertEquals("0", OnvifMessages.number(-0.0));
        assertEquals("0.0001", OnvifMessages.number(0.0001));
        assertEquals("0", OnvifMessages.number(1e-7));
        assertEquals("0.3333", OnvifMessages.number(1.0 / 3));
    }
}
