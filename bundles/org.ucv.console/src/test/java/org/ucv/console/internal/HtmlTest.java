package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesHtmlSpecials() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;",
                Html.escape("<script>alert(\"x\")</script> & '"));
    }

    @Test
    void escapesTheWebConsoleVariableSyntax() {
        // The console's response filter would replace ${...} and turn \$ into $.
        assertEquals("&#36;{brand.name} &#92;&#36;x", Html.escape("${brand.name} \\$x"));
    }

    @Test
    void nullIsEmptyAndControlCharactersAreReplaced() {
        assertEquals("", Html.escape(null));
        assertEquals("a\uFFFDb\tc", Html.escape("a\u0000b\tc"));
        assertEquals("42", Html.escape(42));
    }
}
