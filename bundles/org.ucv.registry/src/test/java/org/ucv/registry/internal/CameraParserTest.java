package org.ucv.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;

class CameraParserTest {
    static Hashtable<String, Object> props(Object... kv) {
        Hashtable<String, Object> t = new Hashtable<>();
        for (int i = 0; i < kv.length; i += 2) {
            t.put((String) kv[i], kv[i + 1]);
        }
        return t;
    }

    @Test
    void readsEveryPropertyAsTheWebConsoleTypesThem() throws Exception {
        CameraConfig c = CameraParser.parse(props("id", "garage", "name", "Garage door", "protocol", "rtsp",
                "url", "rtsp://10.0.0.5/s1", "brand", "hikvision", "host", "10.0.0.5", "port", 8554,
                "path", "/Streaming/Channels/101", "channel", "1", "stream", "main", "username", "viewer",
                ".password", "s3cret", "transport", "tcp", "enabled", Boolean.FALSE,
                "options", new String[] {"fps=10", " latency = low "},
                "service.pid", "org.ucv.camera.1234", "felix.fileinstall.filename", "file:/x/org.ucv.camera-garage.cfg"));

        CameraConfig expected = CameraConfig.builder("garage").name("Garage door").protocol("rtsp")
                .url("rtsp://10.0.0.5/s1").brand("hikvision").host("10.0.0.5").port(8554)
                .path("/Streaming/Channels/101").channel("1").stream("main").username("viewer").password("s3cret")
                .transport("tcp").enabled(false).option("fps", "10").option("latency", "low").build();
        assertEquals(expected, c);
        assertEquals(Map.of("fps", "10", "latency", "low"), c.options());
    }

    @Test
    void readsThePlainStringsOfACfgFile() throws Exception {
        CameraConfig c = CameraParser.parse(props("id", "demo", "protocol", "Demo", "port", " 0 ",
                "enabled", "true", "options", "fps=10, loop=yes", "password", "plain"));
        assertEquals("demo", c.protocol());
        assertEquals(0, c.port());
        assertTrue(c.enabled());
        assertEquals(Map.of("fps", "10", "loop", "yes"), c.options());
        assertEquals(Optional.of("plain"), c.password());
    }

    @Test
    void theDottedPasswordWinsOverThePlainOne() throws Exception {
        CameraConfig c = CameraParser.parse(props("id", "a", "protocol", "rtsp", ".password", "dotted", "password", "plain"));
        assertEquals(Optional.of("dotted"), c.password());
        assertFalse(c.toString().contains("dotted"));
    }

    @Test
    void absentAndBlankValuesFallBackToDefaults() throws Exception {
        CameraConfig c = CameraParser.parse(props("id", "a", "protocol", "demo", "name", " ", "url", "",
                "options", new String[] {"", " "}));
        assertEquals("a", c.name());
        assertTrue(c.url().isEmpty());
        assertEquals(0, c.port());
        assertTrue(c.enabled());
        assertTrue(c.options().isEmpty());
        assertNull(c.password().orElse(null));
    }

    @Test
    void optionsMayComeAsACollection() throws Exception {
        CameraConfig c = CameraParser.parse(props("id", "a", "protocol", "demo", "options", List.of("fps=5", "x=a=b")));
        assertEquals(Map.of("fps", "5", "x", "a=b"), c.options());
    }

    @Test
    void eachBadValueNamesItsField() {
        assertField("id", props("protocol", "demo"));
        assertField("id", props("id", "Front Door", "protocol", "demo"));
        assertField("id", props("id", new String[] {"a"}, "protocol", "demo"));
        assertField("protocol", props("id", "a"));
        assertField("protocol", props("id", "a", "protocol", "r t s p"));
        assertField("port", props("id", "a", "protocol", "rtsp", "port", 70000));
        assertField("port", props("id", "a", "protocol", "rtsp", "port", "-1"));
        assertField("port", props("id", "a", "protocol", "rtsp", "port", "http"));
        assertField("enabled", props("id", "a", "protocol", "rtsp", "enabled", "maybe"));
        assertField("options", props("id", "a", "protocol", "rtsp", "options", "fps"));
        assertField("options", props("id", "a", "protocol", "rtsp", "options", new String[] {"=5"}));
        assertField("options", props("id", "a", "protocol", "rtsp", "options", 5));
        assertField("host", props("id", "a", "protocol", "rtsp", "host", new String[] {"x", "y"}));
    }

    @Test
    void aRefusalNeverQuotesThePassword() {
        InvalidCameraException e = assertThrows(InvalidCameraException.class, () -> CameraParser.parse(
                props("id", "a", "protocol", "rtsp", ".password", new String[] {"hunter2"})));
        assertEquals(".password", e.field());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void writtenPropertiesReadBackEqual() throws Exception {
        CameraConfig full = CameraConfig.builder("garage").name("Garage door").protocol("rtsp")
                .brand("hikvision").host("10.0.0.5").port(8554).path("/Streaming/Channels/101").channel("1")
                .stream("main").username("viewer").password("s3cret").transport("tcp").enabled(false)
                .option("fps", "10").option("list", "a,b").build();
        Hashtable<String, Object> p = CameraParser.properties(full);
        assertEquals(full, CameraParser.parse(p));
        assertEquals(Integer.valueOf(8554), p.get("port"));
        assertEquals(Boolean.FALSE, p.get("enabled"));
        assertEquals("s3cret", p.get(".password"));
        assertFalse(p.containsKey("password"));
        assertEquals(List.of("fps=10", "list=a,b"), List.of((String[]) p.get("options")));

        CameraConfig bare = CameraConfig.builder("demo").protocol("demo").build();
        Hashtable<String, Object> q = CameraParser.properties(bare);
        assertEquals(bare, CameraParser.parse(q));
        assertEquals(java.util.Set.of("id", "name", "protocol", "port", "enabled"), q.keySet());
    }

    private static void assertField(String field, Hashtable<String, Object> props) {
        InvalidCameraException e = assertThrows(InvalidCameraException.class, () -> CameraParser.parse(props));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("'" + field + "'"), e.getMessage());
    }
}
