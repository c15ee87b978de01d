package org.ucv.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ucv.ui.internal.Assets.Asset;

class AssetsTest {
    private final Assets assets = new Assets();

    @ParameterizedTest
    @CsvSource({
        "/, text/html;charset=utf-8, <canvas",
        "'', text/html;charset=utf-8, <canvas",
        "/index.html, text/html;charset=utf-8, app.js",
        "/app.js, text/javascript;charset=utf-8, ws/stream/",
        "/app.css, text/css;charset=utf-8, canvas"})
    void servesThePageFiles(String path, String type, String content) {
        Asset a = assets.find(path).orElseThrow();
        assertEquals(type, a.contentType());
        assertTrue(new String(a.data(), StandardCharsets.UTF_8).contains(content));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/missing.js", "/../pom.xml", "/ui/index.html", "/OSGI-INF/x.xml",
            "/org/ucv/ui/UiServlet.class", "/META-INF/MANIFEST.MF", "/App.js", "/.hidden.js", "/app.js/",
            "/app.js%00.css", "/api/cameras"})
    void servesNothingElse(String path) {
        assertTrue(assets.find(path).isEmpty(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/index.html", "/app.js", "/app.css"})
    void pageUsesNoExternalOrAbsoluteUrl(String path) {
        String text = new String(assets.find(path).orElseThrow().data(), StandardCharsets.UTF_8);
        for (String forbidden : new String[] {"http://", "https://", "src=\"/", "href=\"/", "'/api", "'/ws"}) {
            assertTrue(!text.contains(forbidden), path + " contains " + forbidden);
        }
    }
}
