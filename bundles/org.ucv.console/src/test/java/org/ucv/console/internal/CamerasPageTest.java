package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucv.console.internal.CamerasPage.Message;

class CamerasPageTest {
    private static final String ROOT = "/system/console/ucv-cameras";
    private static final CameraRow DEMO = new CameraRow("demo", null, "Demo", "demo", "streaming", 1, 15.0, 40.4, null,
            null, true, true);
    private static final CameraRow DOOR = new CameraRow("door", null, "<b>Door</b> ${brand.name}", "rtsp", "reconnecting",
            0, null, null, "auth_failed: \"401\" <x>", "rtsp://***@10.0.0.5/", true, false);
    private static final CameraRow OFF = new CameraRow("off", null, "Off", "demo", "disabled", 0, null, null, null, null,
            false, false);
    private static final CameraRow REFUSED = new CameraRow("demo", "org.ucv.camera~2", null, null, "invalid_config", 0,
            null, null, "id 'demo' is taken", null, false, false);

    @Test
    void listsEveryCameraWithItsFigures() {
        String html = CamerasPage.render(List.of(DEMO, DOOR), ROOT, "tok", null);
        assertTrue(html.contains("2 cameras, 1 streaming."), html);
        assertTrue(html.contains("<td>demo</td><td>Demo</td><td>demo</td><td>streaming (held by console)</td><td>1</td>"
                + "<td>15.0</td><td>40 ms</td><td>-</td>"), html);
        assertTrue(html.contains("<td>door</td>"), html);
        assertFalse(html.contains("ui-state-error"), "no message");
    }

    @Test
    void escapesEveryValueAndTheConsoleVariables() {
        String html = CamerasPage.render(List.of(DOOR), "/x\"y", "t<k", new Message(true, "<i>failed</i> $x"));
        assertTrue(html.contains("&lt;b&gt;Door&lt;/b&gt; &#36;{brand.name}"), html);
        assertTrue(html.contains("auth_failed: &quot;401&quot; &lt;x&gt;"), html);
        assertTrue(html.contains("&lt;i&gt;failed&lt;/i&gt; &#36;x"), html);
        assertTrue(html.contains("action=\"/x&quot;y\""), html);
        assertTrue(html.contains("value=\"t&lt;k\""), html);
        assertFalse(html.contains("<b>"));
        assertFalse(html.contains("${"));
        assertFalse(html.contains("$x"));
    }

    @Test
    void actionsArePostFormsCarryingTheToken() {
        String html = CamerasPage.render(List.of(DEMO, DOOR), ROOT, "secret-token", null);
        assertEquals(2, count(html, "<form method=\"post\" action=\"" + ROOT + "\""));
        assertEquals(2, count(html, "name=\"csrf\" value=\"secret-token\""));
        assertEquals(2, count(html, "value=\"test\">Test</button>"));
        assertEquals(1, count(html, "value=\"stop\">Stop</button>"), "demo is held");
        assertEquals(1, count(html, "value=\"start\">Start</button>"));
        assertTrue(html.contains("name=\"camera\" value=\"door\""));
    }

    @Test
    void thumbnailsAreLazyImagesOfThePluginsOwnPath() {
        String html = CamerasPage.render(List.of(DEMO, OFF, REFUSED), ROOT, "t", null);
        assertTrue(html.contains("<img loading=\"lazy\" width=\"160\" src=\"" + ROOT + "/snapshot/demo\""), html);
        assertFalse(html.contains("/snapshot/off"), "a disabled camera has no picture");
        assertEquals(1, count(html, "<img "));
    }

    @Test
    void refusedConfigurationsAreListedWithoutActions() {
        String html = CamerasPage.render(List.of(REFUSED), ROOT, "t", null);
        assertTrue(html.contains("refused configuration org.ucv.camera~2"), html);
        assertTrue(html.contains("<td>invalid_config</td><td>-</td>"), html);
        assertTrue(html.contains("id &#39;demo&#39; is taken"), html);
        assertFalse(html.contains("<form"));
    }

    @Test
    void showsTheMessageAndAnEmptyList() {
        String html = CamerasPage.render(List.of(), ROOT, "t", new Message(false, "demo: ok"));
        assertTrue(html.contains("ui-state-highlight\" style=\"padding:0.5em;margin:0.5em 0\">demo: ok</div>"), html);
        assertTrue(html.contains("No camera is configured."));
        assertTrue(html.contains("0 cameras, 0 streaming."));
    }

    @Test
    void subPathIsThePartBelowTheLabel() {
        assertEquals("/snapshot/demo", CamerasPage.subPath("/ucv-cameras/snapshot/demo"));
        assertEquals("", CamerasPage.subPath("/ucv-cameras"));
        assertEquals("", CamerasPage.subPath(null));
        assertEquals("", CamerasPage.subPath("/bundles/1"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
