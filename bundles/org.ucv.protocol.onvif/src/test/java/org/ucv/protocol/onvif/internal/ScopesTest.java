package org.ucv.protocol.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScopesTest {
    private static final List<String> SCOPES = Scopes.split("  onvif://www.onvif.org/type/video_encoder\n"
            + "onvif://www.onvif.org/name/Garden%20Cam%20%E2%84%96%202 onvif://www.onvif.org/hardware/IPC%2DHDW%2B2431"
            + "\tonvif://www.onvif.org/location/country/germany onvif://www.onvif.org/LOCATION/Back%20yard/"
            + " onvif://www.onvif.org/name/second http://example.org/other/x onvif://www.onvif.org/mfr/Dahua ");

    @Test
    void decodesNameHardwareAndLocation() {
        assertEquals("Garden Cam № 2", Scopes.first(SCOPES, "name"));
        assertEquals("IPC-HDW+2431", Scopes.first(SCOPES, "hardware"));
        assertEquals(List.of("country/germany", "Back yard"), Scopes.values(SCOPES, "location"));
        assertEquals("Dahua", Scopes.first(SCOPES, "manufacturer", "mfr"));
        assertNull(Scopes.first(SCOPES, "nothing"));
        assertTrue(Scopes.hasType(SCOPES, "video_encoder"));
        assertEquals(8, SCOPES.size());
    }

    @Test
    void percentDecodingKeepsPlusAndMalformedSequences() {
        assertEquals("a+b", Scopes.percentDecode("a+b"));
        assertEquals("100%", Scopes.percentDecode("100%"));
        assertEquals("%zz ok", Scopes.percentDecode("%zz%20ok"));
        assertEquals("é", Scopes.percentDecode("%C3%A9"));
        assertEquals("x%4", Scopes.percentDecode("x%4"));
    }
}
