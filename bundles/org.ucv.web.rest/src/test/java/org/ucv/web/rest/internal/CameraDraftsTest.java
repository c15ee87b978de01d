package org.ucv.web.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ucv.api.spi.CameraConfig;

class CameraDraftsTest {
    private static CameraInput in(String json) throws Exception {
        return CameraInput.parse(Json.parseObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void slugsAreIds() {
        assertEquals("front-door", CameraDrafts.slug("Front Door"));
        assertEquals("cafe-entree-2", CameraDrafts.slug("  Café — Entrée #2 "));
        assertEquals("camera", CameraDrafts.slug("!!!"));
        assertEquals("camera", CameraDrafts.slug(null));
        String longName = CameraDrafts.slug("a".repeat(55) + " b c");
        assertEquals("a".repeat(55), longName, "cut to 56 characters, without a trailing '-'");
        assertTrue(CameraConfig.ID_PATTERN.matcher(CameraDrafts.unique(longName, s -> !s.endsWith("-12"))).matches());
        assertEquals("x-3", CameraDrafts.unique("x", Set.of("x", "x-2")::contains));
    }

    @Test
    void createStartsFromDefaults() throws Exception {
        CameraDrafts.Draft d = CameraDrafts.create(in("{\"name\":\"Yard\",\"protocol\":\"demo\",\"password\":\"\"}"), id -> false);
        assertEquals(Map.of(), d.errors());
        assertEquals(CameraConfig.builder("yard").name("Yard").protocol("demo").build(), d.camera());
    }

    @Test
    void aBadIdIsReportedAndTheRestStillChecked() throws Exception {
        CameraDrafts.Draft d = CameraDrafts.create(in("{\"id\":\"-x\",\"protocol\":\"demo\",\"port\":1e9}"), id -> false);
        assertEquals(Set.of("id", "port"), d.errors().keySet());
        assertEquals("demo", d.camera().protocol());
    }

    @Test
    void nullClearsOnPatchAndIsTheDefaultOnPut() throws Exception {
        CameraConfig stored = CameraConfig.builder("c").name("C").protocol("rtsp").host("h").port(554)
                .username("u").password("pw").enabled(false).option("a", "1").build();
        CameraConfig patched = CameraDrafts.merge(stored, in("{\"username\":null,\"name\":null,\"options\":null}")).camera();
        assertEquals("c", patched.name(), "a cleared name is the id");
        assertTrue(patched.username().isEmpty());
        assertEquals(Map.of(), patched.options());
        assertEquals(554, patched.port());
        assertEquals(Optional.of("pw"), patched.password());

        CameraConfig put = CameraDrafts.replace(stored, in("{\"protocol\":\"rtsp\",\"host\":\"h\",\"password\":null}")).camera();
        assertEquals(0, put.port());
        assertTrue(put.enabled());
        assertEquals(Optional.of("pw"), put.password(), "null is absent: the password is kept");
    }
}
