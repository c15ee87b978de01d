package org.ucv.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ucv.ui.internal.Assets.Asset;

/** Against the real build of the frontend, packed into target/classes/ui by the build. */
class AssetsTest {
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"/(assets/[^\"]+)\"");
    private final Assets assets = new Assets();

    private List<String> referencedAssets() {
        List<String> names = new ArrayList<>();
        Matcher m = REFERENCE.matcher(assets.indexText());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void indexIsTheReactPageWithItsScriptAndStyle() {
        Asset index = assets.find("/").orElseThrow();
        assertEquals("text/html;charset=utf-8", index.contentType());
        assertFalse(index.immutable());
        String html = new String(index.data(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<div id=\"root\">"), html);
        List<String> refs = referencedAssets();
        assertTrue(refs.stream().anyMatch(r -> r.endsWith(".js")), "index.html loads a script: " + refs);
        assertTrue(refs.stream().anyMatch(r -> r.endsWith(".css")), "index.html loads a style sheet: " + refs);
    }

    @Test
    void hashedAssetsAreServedWithTheirTypeAndMayBeCachedForGood() {
        for (String ref : referencedAssets()) {
            Asset a = assets.find("/" + ref).orElseThrow(() -> new AssertionError("missing " + ref));
            assertTrue(a.immutable(), ref);
            assertEquals(ref.endsWith(".js") ? "text/javascript;charset=utf-8" : "text/css;charset=utf-8", a.contentType());
            assertTrue(a.data().length > 100, ref);
        }
        Asset icon = assets.find("/favicon.svg").orElseThrow();
        assertEquals("image/svg+xml", icon.contentType());
        assertFalse(icon.immutable());
    }

    @Test
    void theBuildHasNoInlineScriptOrStyle() {
        // The CSP allows neither: an inline one would be blocked in the browser.
        String html = assets.indexText();
        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>").matcher(html).find(), html);
        assertFalse(html.contains("<style"), html);
        assertFalse(html.contains(" style="), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "/cameras", "/cameras/", "/cameras/garage/edit", "/index.html"})
    void pageRoutesGetIndexHtml(String path) {
        Asset a = assets.find(path).orElseThrow(() -> new AssertionError(path));
        assertEquals(assets.find("/index.html").orElseThrow().etag(), a.etag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/missing.js", "/assets/missing-123.js", "/assets/", "/assets", "/api/nothing", "/ws/other",
            "/system/x", "/../pom.xml", "/ui/index.html", "/OSGI-INF/x.xml", "/org/ucv/ui/UiServlet.class",
            "/META-INF/MANIFEST.MF", "/.hidden", "/assets/../index.html", "/a/%2e%2e/b", "/cameras.php", "/x\\y"})
    void servesNothingElse(String path) {
        assertTrue(assets.find(path).isEmpty(), path);
    }

    @Test
    void entityTagsFollowTheContent() {
        List<String> refs = referencedAssets();
        String a = assets.find("/" + refs.get(0)).orElseThrow().etag();
        String b = assets.find("/index.html").orElseThrow().etag();
        assertTrue(a.matches("\"[0-9a-f]{32}\""), a);
        assertFalse(a.equals(b));
        assertEquals(b, new Assets().find("/").orElseThrow().etag());
    }
}
