package org.ucv.console.internal;

/** HTML escaping for text and attribute values written by the console page. */
public final class Html {
    private Html() {
    }

    /**
     * Escapes a value for HTML text and for quoted attribute values. Besides the five HTML
     * specials, {@code $} and {@code \} are written as character references: the Web Console
     * filters every HTML page it serves and replaces {@code ${key}} with its own variables (and
     * {@code \$} with {@code $}), so a camera named {@code ${...}} would otherwise change the page.
     *
     * @param value any value, or null
     * @return the escaped text; "" for null
     */
    public static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '$' -> out.append("&#36;");
                case '\\' -> out.append("&#92;");
                default -> {
                    // Control characters other than tab and line breaks are not allowed in HTML.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
