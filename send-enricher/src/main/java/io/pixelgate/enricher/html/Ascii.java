package io.pixelgate.enricher.html;

/**
 * ASCII-only character tests. HTML tag and attribute names and URL schemes are matched in ASCII
 * case only; Java's Unicode case folding would take, for example, {@code ſ} (long s) for {@code s}.
 */
final class Ascii {

    private Ascii() {
    }

    static boolean isAlpha(final char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAlphanumeric(final char c) {
        return isAlpha(c) || (c >= '0' && c <= '9');
    }

    /** HTML's whitespace: tab, line feed, form feed, carriage return, space. */
    static boolean isHtmlWhitespace(final char c) {
        return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
    }

    /** Whether {@code text} at {@code offset} spells {@code lowerCaseWord} in any ASCII case. */
    static boolean regionMatchesIgnoreCase(final String text, final int offset, final String lowerCaseWord) {
        if (offset < 0 || offset + lowerCaseWord.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseWord.length(); i++) {
            if (toLower(text.charAt(offset + i)) != lowerCaseWord.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static String toLowerCase(final String text) {
        final StringBuilder lower = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            lower.append(toLower(text.charAt(i)));
        }
        return lower.toString();
    }

    private static char toLower(final char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
