package org.ucv.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;

class CameraValidatorTest {
    private static CameraConfig.Builder cam(String protocol) {
        return CameraConfig.builder("cam").protocol(protocol);
    }

    private static Map<String, String> errors(CameraConfig.Builder b) {
        return CameraValidator.validate(b.build());
    }

    /** Asserts the camera is refused for exactly these fields. */
    private static Map<String, String> assertFields(CameraConfig.Builder b, String... fields) {
        Map<String, String> e = errors(b);
        assertEquals(List.of(fields), List.copyOf(e.keySet()), e.toString());
        return e;
    }

    @Test
    void realCamerasAreValid() {
        assertEquals(Map.of(), errors(cam("demo")));
        assertEquals(Map.of(), errors(cam("demo").option("fps", "5").name("Demo at 5 fps")));
        assertEquals(Map.of(), errors(cam("rtsp").url("rtsp://192.168.1.20:554/Streaming/Channels/101")
                .username("viewer").password("change me!").transport("tcp")));
        assertEquals(Map.of(), errors(cam("rtsp").brand("hikvision").host("192.168.1.20").port(554)
                .channel("1").stream("main")));
        assertEquals(Map.of(), errors(cam("http").url("http://cam.local:8080/video.cgi?resolution=640x480&fps=10")
                .option("mode", "mjpeg").option("insecure_tls", "true")));
        assertEquals(Map.of(), errors(cam("onvif").host("[fe80::1%25eth0]")));
        assertEquals(Map.of(), errors(cam("onvif").host("camera_7.lan")));
        assertEquals(Map.of(), errors(cam("rtsp").host("10.0.0.5").path("/h264/ch1/main/av_stream").transport("udp")));
    }

    @Test
    void theProtocolIsRequiredAndWellFormed() {
        assertFields(cam(""), "protocol");
        assertFields(cam("RTSP").url("rtsp://h/s"), "protocol");
        assertFields(cam("r t s p").url("rtsp://h/s"), "protocol");
        assertFields(cam("9rtsp").url("rtsp://h/s"), "protocol");
    }

    @Test
    void aNetworkCameraNeedsEitherUrlOrHost() {
        assertTrue(assertFields(cam("rtsp"), "url").get("url").contains("host"));
        Map<String, String> both = assertFields(cam("rtsp").url("rtsp://h/s").host("h"), "url", "host");
        assertTrue(both.get("url").contains("not both"), both.toString());
    }

    @Test
    void aUrlMustParseAndHoldNoCredentials() {
        assertFields(cam("rtsp").url("192.168.1.20/stream"), "url");
        assertFields(cam("rtsp").url("rtsp:///stream"), "url");
        assertFields(cam("rtsp").url("rtsp://h/a b"), "url");
        assertFields(cam("rtsp").url("rtsp://h/%zz"), "url");
        assertFields(cam("rtsp").url("rtsp://h/" + "a".repeat(2100)), "url");
        Map<String, String> e = assertFields(cam("rtsp").url("rtsp://admin:Secret99@10.0.0.5/s1"), "url");
        assertTrue(e.get("url").contains("username and password"), e.toString());
        assertFalse(e.get("url").contains("Secret99"), e.toString());
        assertFields(cam("rtsp").url("rtsp://admin@10.0.0.5/s1"), "url");
    }

    @Test
    void aHostIsANameOrAnAddressOnly() {
        assertTrue(assertFields(cam("rtsp").host("rtsp://10.0.0.5/s1"), "host").get("host").contains("url"));
        assertTrue(assertFields(cam("rtsp").host("admin@10.0.0.5"), "host").get("host").contains("username"));
        assertFields(cam("rtsp").host("10.0.0.5:554"), "host");
        assertFields(cam("rtsp").host("10.0.0.5/s1"), "host");
        assertFields(cam("rtsp").host("my camera"), "host");
    }

    @Test
    void theTransportIsOneOfAFew() {
        assertEquals(Map.of(), errors(cam("http").host("h").transport("http")));
        assertTrue(assertFields(cam("rtsp").host("h").transport("quic"), "transport").get("transport").contains("tcp"));
        assertFields(cam("rtsp").host("h").transport("TCP"), "transport");
    }

    @Test
    void textsAreBounded() {
        assertEquals(Map.of(), errors(cam("demo").name("n".repeat(200))));
        assertFields(cam("demo").name("n".repeat(201)), "name");
        assertFields(cam("demo").name("two\nlines"), "name");
        assertFields(cam("rtsp").host("h").brand("b".repeat(65)), "brand");
        assertFields(cam("rtsp").host("h").channel("c\t1"), "channel");
        assertFields(cam("rtsp").host("h").stream("s".repeat(65)), "stream");
        assertFields(cam("rtsp").host("h").path("/a b"), "path");
        assertFields(cam("rtsp").host("h").username("u".repeat(257)), "username");
    }

    @Test
    void aBadPasswordIsNamedButNeverQuoted() {
        Map<String, String> e = assertFields(cam("rtsp").host("h").password("line\nbreak-pw"), "password");
        assertFalse(e.get("password").contains("break-pw"), e.toString());
        assertFields(cam("rtsp").host("h").password("p".repeat(257)), "password");
    }

    @Test
    void optionKeysAndValuesAreSane() {
        assertFields(cam("demo").option("bad key", "1"), "options");
        assertFields(cam("demo").option("", "1"), "options");
        assertFields(cam("demo").option("k".repeat(65), "1"), "options");
        assertFields(cam("demo").option("fps", "1\n2"), "options");
        assertFields(cam("demo").option("fps", "9".repeat(1025)), "options");
        CameraConfig.Builder many = cam("demo");
        for (int i = 0; i < 65; i++) {
            many.option("k" + i, "v");
        }
        assertFields(many, "options");
        assertTrue(assertFields(cam("demo").option("bad key", "1"), "options").get("options").contains("bad key"));
    }

    @Test
    void everyErrorIsReportedAtOnceInFieldOrder() {
        assertFields(cam("rtsp").name("x\n").url("rtsp://u:p@h/").transport("x").option("a b", "1"),
                "name", "url", "transport", "options");
    }
}
