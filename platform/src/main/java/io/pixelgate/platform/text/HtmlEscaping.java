package io.pixelgate.platform.text;

/**
 * Escaping for text Pixelgate writes into HTML (the edge's pages, the enricher's insertions): safe in
 * element content and in attribute values of either quote style.
 */
public final class HtmlEscaping {

    private HtmlEscaping() {
    }

    /** Escapes every character that could end a value or start markup. */
    public static String escape(final String text) {
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
