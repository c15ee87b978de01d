package org.ucv.protocol.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucv.protocol.onvif.internal.OnvifParsers.MediaProfile;

class ProfilesTest {
    private static MediaProfile p(String token, String name, int w, int h) {
        return new MediaProfile(token, name, w > 0 ? "H264" : "", w, h, 0, null, null);
    }

    @Test
    void mainIsTheHighestResolutionAndSubTheNextEvenOutOfOrder() throws Exception {
        List<MediaProfile> media = OnvifParsers.profiles(Samples.response("GetProfiles-media.xml"));
        assertEquals("Profile_1", Profiles.choose(media, "main").orElseThrow().token());
        assertEquals("Profile_2", Profiles.choose(media, "sub").orElseThrow().token());
        assertEquals("Profile_2", Profiles.choose(media, "SUB").orElseThrow().token());
        List<MediaProfile> media2 = OnvifParsers.profiles2(Samples.response("GetProfiles-media2.xml"));
        assertEquals("Profile000", Profiles.choose(media2, "main").orElseThrow().token());
        assertEquals("Profile001", Profiles.choose(media2, "sub").orElseThrow().token());
    }

    @Test
    void byTokenThenByName() {
        List<MediaProfile> list = List.of(p("A", "first", 1280, 720), p("B", "Night", 640, 360), p("night", "x", 320, 240));
        assertEquals("night", Profiles.choose(list, "night").orElseThrow().token()); // the token wins over the name
        assertEquals("B", Profiles.choose(list, "NIGHT").orElseThrow().token());
        assertTrue(Profiles.choose(list, "missing").isEmpty());
    }

    @Test
    void tiesKeepTheDevicesOrderAndASingleProfileServesSub() {
        List<MediaProfile> list = List.of(p("A", "a", 640, 360), p("B", "b", 640, 360));
        assertEquals("A", Profiles.choose(list, "main").orElseThrow().token());
        assertEquals("B", Profiles.choose(list, "sub").orElseThrow().token());
        assertEquals("A", Profiles.choose(List.of(p("A", "a", 640, 360)), "sub").orElseThrow().token());
        // no encoder information: the device's order
        assertEquals("X", Profiles.choose(List.of(p("X", "x", 0, 0), p("Y", "y", 0, 0)), "main").orElseThrow().token());
        assertTrue(Profiles.choose(List.of(), "main").isEmpty());
    }
}
