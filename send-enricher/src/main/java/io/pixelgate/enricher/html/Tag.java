package io.pixelgate.enricher.html;

import java.util.Optional;

/**
 * A tag read from the HTML: its name, where it ends, and the span of its first {@code href}
 * value. Reading follows the HTML standard's tokenizer states for tags and attributes, so a
 * {@code >} inside a quoted value does not end the tag and a repeated attribute is ignored.
 *
 * @param name the tag name, in ASCII lower case
 * @param end  the index just after its {@code >}, or -1 when the HTML ends inside the tag
 * @param href the first {@code href} attribute's value, when it has one
 */
record Tag(String name, int end, Optional<ValueSpan> href) {

    /**
     * Where an attribute value is in the HTML.
     *
     * @param start the index of its opening quote, or of its first character when unquoted
     * @param end   the index just after its closing quote or last character
     * @param quote {@code "} or {@code '}, or 0 when unquoted
     */
    record ValueSpan(int start, int end, char quote) {

        static final char UNQUOTED = 0;

        /** The value of an attribute written without one ({@code <a href>}): empty. */
        static ValueSpan empty(final int at) {
            return new ValueSpan(at, at, UNQUOTED);
        }

        String rawValue(final String html) {
            return quote == UNQUOTED ? html.substring(start, end) : html.substring(start + 1, end - 1);
        }
    }

    private record Attribute(String name, int end, Optional<ValueSpan> value) {
    }

    /** Reads the tag whose name starts at {@code nameStart} (just after {@code <} or {@code </}). */
    static Tag read(final String html, final int nameStart) {
        int at = nameStart;
        while (at < html.length() && !endsName(html.charAt(at))) {
            at++;
        }
        final String name = Ascii.toLowerCase(html.substring(nameStart, at));
        Optional<ValueSpan> href = Optional.empty();
        while (true) {
            at = skipSpaceAndSlashes(html, at);
            if (at >= html.length()) {
                return new Tag(name, -1, href);
            }
            if (html.charAt(at) == '>') {
                return new Tag(name, at + 1, href);
            }
            final Attribute attribute = readAttribute(html, at);
            if (href.isEmpty() && attribute.name().equals("href")) {
                href = Optional.of(attribute.value().orElse(ValueSpan.empty(attribute.end())));
            }
            at = attribute.end();
        }
    }

    private static Attribute readAttribute(final String html, final int nameStart) {
        int at = nameStart + 1; // the first character, even '=', belongs to the name
        while (at < html.length() && !endsName(html.charAt(at)) && html.charAt(at) != '=') {
            at++;
        }
        final String name = Ascii.toLowerCase(html.substring(nameStart, at));
        final int afterName = skipSpace(html, at);
        if (afterName >= html.length() || html.charAt(afterName) != '=') {
            return new Attribute(name, at, Optional.empty());
        }
        final ValueSpan value = readValue(html, skipSpace(html, afterName + 1));
        return new Attribute(name, value.end(), Optional.of(value));
    }

    private static ValueSpan readValue(final String html, final int start) {
        if (start >= html.length()) {
            return ValueSpan.empty(start);
        }
        final char first = html.charAt(start);
        if (first == '"' || first == '\'') {
            final int close = html.indexOf(first, start + 1);
            return new ValueSpan(start, close < 0 ? html.length() : close + 1, close < 0 ? ValueSpan.UNQUOTED : first);
        }
        int end = start;
        while (end < html.length() && !Ascii.isHtmlWhitespace(html.charAt(end)) && html.charAt(end) != '>') {
            end++;
        }
        return new ValueSpan(start, end, ValueSpan.UNQUOTED);
    }

    /** Whitespace, {@code /} and {@code >} end a tag name. */
    static boolean endsName(final char c) {
        return Ascii.isHtmlWhitespace(c) || c == '/' || c == '>';
    }

    private static int skipSpace(final String html, final int from) {
        int at = from;
        while (at < html.length() && Ascii.isHtmlWhitespace(html.charAt(at))) {
            at++;
        }
        return at;
    }

    private static int skipSpaceAndSlashes(final String html, final int from) {
        int at = from;
        while (at < html.length() && (Ascii.isHtmlWhitespace(html.charAt(at)) || html.charAt(at) == '/')) {
            at++;
        }
        return at;
    }
}
