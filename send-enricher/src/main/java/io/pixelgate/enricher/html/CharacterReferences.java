package io.pixelgate.enricher.html;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes character references ({@code &amp;}, {@code &#38;}, {@code &#x26;}) in an attribute
 * value the way the HTML standard does, for the references that occur in URLs. A reference it
 * cannot decode exactly as a browser would (a named one outside its table, a legacy one without
 * {@code ;}, a numeric one in the windows-1252 remapped range) makes the whole value undecidable:
 * the caller then leaves that link alone rather than track it to a wrong address.
 */
final class CharacterReferences {

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("AMP", "&"), Map.entry("lt", "<"), Map.entry("LT", "<"),
            Map.entry("gt", ">"), Map.entry("GT", ">"), Map.entry("quot", "\""), Map.entry("QUOT", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00A0"), Map.entry("sol", "/"), Map.entry("colon", ":"),
            Map.entry("quest", "?"), Map.entry("equals", "="), Map.entry("num", "#"), Map.entry("percnt", "%"),
            Map.entry("period", "."), Map.entry("commat", "@"), Map.entry("plus", "+"), Map.entry("lowbar", "_"),
            Map.entry("excl", "!"), Map.entry("dollar", "$"), Map.entry("lpar", "("), Map.entry("rpar", ")"),
            Map.entry("ast", "*"), Map.entry("comma", ","), Map.entry("semi", ";"), Map.entry("lsqb", "["),
            Map.entry("rsqb", "]"), Map.entry("lcub", "{"), Map.entry("rcub", "}"), Map.entry("verbar", "|"),
            Map.entry("Tab", "\t"), Map.entry("NewLine", "\n"));

    /** Of the names a browser decodes even without {@code ;}, those in {@link #NAMED}. */
    private static final Set<String> LEGACY_DECODED =
            Set.of("amp", "AMP", "lt", "LT", "gt", "GT", "quot", "QUOT", "nbsp");

    /** Every name a browser decodes without {@code ;} (the standard's legacy list). */
    private static final Set<String> LEGACY = Set.of(("AElig AMP Aacute Acirc Agrave Aring Atilde Auml COPY Ccedil ETH"
            + " Eacute Ecirc Egrave Euml GT Iacute Icirc Igrave Iuml LT Ntilde Oacute Ocirc Ograve Oslash Otilde Ouml"
            + " QUOT REG THORN Uacute Ucirc Ugrave Uuml Yacute aacute acirc acute aelig agrave amp aring atilde auml"
            + " brvbar ccedil cedil cent copy curren deg divide eacute ecirc egrave eth euml frac12 frac14 frac34 gt"
            + " iacute icirc iexcl igrave iquest iuml laquo lt macr micro middot nbsp not ntilde oacute ocirc ograve"
            + " ordf ordm oslash otilde ouml para plusmn pound quot raquo reg sect shy sup1 sup2 sup3 szlig thorn"
            + " times uacute ucirc ugrave uml uuml yacute yen yuml").split(" "));

    private static final int REPLACEMENT_CHARACTER = 0xFFFD;
    private static final int BEYOND_UNICODE = 0x110000;

    /** One decoded reference: its text (null when undecidable) and where the value goes on. */
    private record Reference(String text, int end) {
    }

    private CharacterReferences() {
    }

    /** The value a browser sees, or empty when this class cannot tell for sure. */
    static Optional<String> decodeAttribute(final String raw) {
        final StringBuilder out = new StringBuilder(raw.length());
        int at = 0;
        while (at < raw.length()) {
            final Reference reference = referenceAt(raw, at);
            if (reference.text() == null) {
                return Optional.empty();
            }
            out.append(reference.text());
            at = reference.end();
        }
        return Optional.of(out.toString());
    }

    private static Reference referenceAt(final String raw, final int at) {
        if (raw.charAt(at) != '&') {
            return new Reference(String.valueOf(raw.charAt(at)), at + 1);
        }
        if (at + 1 < raw.length() && raw.charAt(at + 1) == '#') {
            return numeric(raw, at);
        }
        return named(raw, at);
    }

    private static Reference numeric(final String raw, final int at) {
        final boolean hex = at + 2 < raw.length() && (raw.charAt(at + 2) == 'x' || raw.charAt(at + 2) == 'X');
        final int digitsStart = at + (hex ? 3 : 2);
        int end = digitsStart;
        int value = 0;
        while (end < raw.length() && isAsciiDigit(raw.charAt(end), hex)) {
            value = Math.min(BEYOND_UNICODE, value * (hex ? 16 : 10) + Character.digit(raw.charAt(end), hex ? 16 : 10));
            end++;
        }
        if (end == digitsStart) {
            return new Reference("&", at + 1);
        }
        final int next = end < raw.length() && raw.charAt(end) == ';' ? end + 1 : end;
        return new Reference(codePoint(value), next);
    }

    private static boolean isAsciiDigit(final char c, final boolean hex) {
        return (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    }

    /** The standard's rules for a numeric reference; null for the windows-1252 remapped range. */
    private static String codePoint(final int value) {
        if (value >= 0x80 && value <= 0x9F) {
            return null;
        }
        final boolean invalid = value == 0 || value >= BEYOND_UNICODE || (value >= 0xD800 && value <= 0xDFFF);
        return new String(Character.toChars(invalid ? REPLACEMENT_CHARACTER : value));
    }

    private static Reference named(final String raw, final int at) {
        int end = at + 1;
        while (end < raw.length() && Ascii.isAlphanumeric(raw.charAt(end))) {
            end++;
        }
        final String name = raw.substring(at + 1, end);
        if (name.isEmpty()) {
            return new Reference("&", at + 1);
        }
        final boolean terminated = end < raw.length() && raw.charAt(end) == ';';
        if (terminated) {
            return new Reference(NAMED.get(name), end + 1);
        }
        // in an attribute, a legacy name followed by '=' stays literal: "?a=1&copy=2" keeps "&copy"
        final boolean decodedAnyway = LEGACY.contains(name) && !(end < raw.length() && raw.charAt(end) == '=');
        if (decodedAnyway) {
            return new Reference(LEGACY_DECODED.contains(name) ? NAMED.get(name) : null, end);
        }
        return new Reference("&", at + 1);
    }
}
