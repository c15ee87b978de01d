package org.ucv.protocol.rtsp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucv.api.spi.CameraConfig;
import org.ucv.protocol.rtsp.internal.RtspUrls.Brand;

class RtspUrlsTest {
    private static final String PASSWORD = "p@ss:w/rd#%1";

    private static CameraConfig.Builder camera() {
        return CameraConfig.builder("cam").protocol("rtsp").host("10.0.0.5");
    }

    @ParameterizedTest(name = "{0} channel {1} {2}")
    @CsvSource({
            "hikvision, 1, main, /Streaming/Channels/101",
            "Hikvision, 2, sub,  /Streaming/Channels/202",
            "dahua,     1, main, /cam/realmonitor?channel=1&subtype=0",
            "amcrest,   3, sub,  /cam/realmonitor?channel=3&subtype=1",
            "axis,      1, main, /axis-media/media.amp?camera=1",
            "axis,      2, sub,  /axis-media/media.amp?camera=2&resolution=640x360",
            "TP-Link,   1, main, /stream1",
            "tapo,      1, sub,  /stream2",
            "reolink,   1, main, /h264Preview_01_main",
            "reolink,   12, sub, /h264Preview_12_sub",
            "uniview,   1, main, /unicast/c1/s0/live",
            "uniview,   4, sub,  /unicast/c4/s1/live"})
    void brandTemplates(String brand, String channel, String stream, String path) {
        CameraConfig c = camera().brand(brand).channel(channel).stream(stream).build();
        assertEquals("rtsp://10.0.0.5:554" + path, RtspUrls.of(c));
    }

    @Test
    void defaultsAreChannelOneMainStream() {
        assertEquals("rtsp://10.0.0.5:554/Streaming/Channels/101", RtspUrls.of(camera().brand("hikvision").build()));
    }

    @Test
    void portAndPathOverrideTheTemplate() {
        CameraConfig c = camera().brand("hikvision").port(8554).path("live/ch0").build();
        assertEquals("rtsp://10.0.0.5:8554/live/ch0", RtspUrls.of(c));
    }

    @Test
    void rtspsDefaultsToPort322AndIpv6IsBracketed() {
        CameraConfig c = CameraConfig.builder("cam").protocol("rtsps").host("fe80::1").brand("tapo").build();
        assertEquals("rtsps://[fe80::1]:322/stream1", RtspUrls.of(c));
    }

    @Test
    void reservedCharactersArePercentEncodedAndDecodeBack() {
        CameraConfig c = camera().brand("tapo").username("ad@m:x").password(PASSWORD).build();
        String url = RtspUrls.of(c);
        assertEquals("rtsp://ad%40m%3Ax:p%40ss%3Aw%2Frd%23%251@10.0.0.5:554/stream1", url);
        URI uri = URI.create(url);
        assertEquals("10.0.0.5", uri.getHost(), "the host must survive the password");
        String[] info = uri.getRawUserInfo().split(":");
        assertEquals("ad@m:x", URLDecoder.decode(info[0], StandardCharsets.UTF_8));
        assertEquals(PASSWORD, URLDecoder.decode(info[1], StandardCharsets.UTF_8));
        assertFalse(c.redact(url).contains("p%40ss"), c.redact(url));
    }

    @Test
    void nonAsciiIsEncodedAsUtf8() {
        assertEquals("%C3%A9t%C3%A9%20x~", RtspUrls.encode("été x~"));
    }

    @Test
    void fullUrlIsAcceptedAndGetsTheCredentials() {
        CameraConfig plain = camera().url("rtsp://192.168.1.9:8554/any/path?x=1").build();
        assertEquals("rtsp://192.168.1.9:8554/any/path?x=1", RtspUrls.of(plain));
        CameraConfig withUser = camera().url("rtsp://192.168.1.9/a").username("u").password(PASSWORD).build();
        assertEquals("rtsp://u:p%40ss%3Aw%2Frd%23%251@192.168.1.9/a", RtspUrls.of(withUser));
        CameraConfig ownUserInfo = camera().url("rtsp://me:x@192.168.1.9/a").username("u").password("y").build();
        assertEquals("rtsp://me:x@192.168.1.9/a", RtspUrls.of(ownUserInfo), "a URL's own user info is kept");
    }

    @Test
    void badConfigurationsAreRefusedWithoutCredentials() {
        assertThrows(IllegalArgumentException.class, () -> RtspUrls.of(camera().build()), "generic needs a path");
        assertThrows(IllegalArgumentException.class, () -> RtspUrls.of(camera().brand("acme").build()));
        assertThrows(IllegalArgumentException.class, () -> RtspUrls.of(camera().brand("axis").channel("x").build()));
        assertThrows(IllegalArgumentException.class, () -> RtspUrls.of(camera().brand("axis").stream("third").build()));
        assertThrows(IllegalArgumentException.class,
                () -> RtspUrls.of(CameraConfig.builder("cam").protocol("rtsp").build()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtspUrls.of(camera().url("http://u:" + PASSWORD + "@h/x").build()));
        assertFalse(e.getMessage().contains("w/rd"), e.getMessage());
    }

    @Test
    void brandNamesIgnoreCaseAndPunctuation() {
        assertEquals(Brand.TAPO, Brand.parse("TP-Link Tapo"));
        assertEquals(Brand.DAHUA, Brand.parse("Amcrest"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Brand.parse("foo")).getMessage().contains("hikvision"));
    }

    @Test
    void addressOfAUrlIgnoresItsUserInfo() {
        var address = RtspUrls.address("rtsp://a%40b:p%40ss@127.0.0.1:8554/x").orElseThrow();
        assertEquals("127.0.0.1", address.getHostString());
        assertEquals(8554, address.getPort());
        assertEquals(554, RtspUrls.address("rtsp://h/x").orElseThrow().getPort());
    }
}
