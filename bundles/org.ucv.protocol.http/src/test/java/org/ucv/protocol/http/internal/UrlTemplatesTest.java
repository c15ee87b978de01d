package org.ucv.protocol.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ucv.protocol.http.internal.HttpOptions.Mode;

class UrlTemplatesTest {
    @Test
    void hikvisionIsapi() {
        assertEquals("/ISAPI/Streaming/channels/101/httpPreview", UrlTemplates.path("Hikvision", Mode.MJPEG, null, null));
        assertEquals("/ISAPI/Streaming/channels/202/httpPreview", UrlTemplates.path("hikvision", Mode.MJPEG, "2", "sub"));
        assertEquals("/ISAPI/Streaming/channels/301/picture", UrlTemplates.path("hikvision", Mode.SNAPSHOT, "3", "sub"));
    }

    @Test
    void dahuaAndAmcrestCgi() {
        assertEquals("/cgi-bin/mjpg/video.cgi?channel=1&subtype=0", UrlTemplates.path("dahua", Mode.MJPEG, "1", "main"));
        assertEquals("/cgi-bin/mjpg/video.cgi?channel=2&subtype=1", UrlTemplates.path("Amcrest", Mode.MJPEG, "2", "sub"));
        assertEquals("/cgi-bin/snapshot.cgi?channel=4", UrlTemplates.path("amcrest", Mode.SNAPSHOT, "4", null));
    }

    @Test
    void axisVapix() {
        assertEquals("/axis-cgi/mjpg/video.cgi?camera=1", UrlTemplates.path("AXIS", Mode.MJPEG, null, null));
        assertEquals("/axis-cgi/jpg/image.cgi?camera=2", UrlTemplates.path("axis", Mode.SNAPSHOT, "2", null));
    }

    @Test
    void motionAndGeneric() {
        assertEquals("/", UrlTemplates.path("motion", Mode.MJPEG, null, null));
        assertEquals("/current", UrlTemplates.path("motion", Mode.SNAPSHOT, null, null));
        assertEquals("/video.mjpg", UrlTemplates.path(null, Mode.MJPEG, null, null));
        assertEquals("/snapshot.jpg", UrlTemplates.path("no-such-brand", Mode.SNAPSHOT, null, null));
        assertTrue(UrlTemplates.known("Dahua"));
        assertFalse(UrlTemplates.known("acme"));
    }

    @Test
    void badChannelOrStream() {
        assertThrows(IllegalArgumentException.class, () -> UrlTemplates.path("axis", Mode.MJPEG, "1/../x", null));
        assertThrows(IllegalArgumentException.class, () -> UrlTemplates.path("axis", Mode.MJPEG, "1", "third"));
    }
}
