package io.pixelgate.enricher.html;

import java.util.Optional;

/** Which {@code href} values are links to track, and where they really go. */
final class LinkTargets {

    private LinkTargets() {
    }

    /**
     * The URL a browser would follow for this raw attribute value, when it is an absolute http(s)
     * link other than the preferences page. Empty for {@code mailto:}, {@code tel:},
     * {@code #anchors}, relative links, other schemes, the preferences link, and values whose
     * character references cannot be decoded for sure.
     */
    static Optional<String> trackable(final String rawValue, final String preferencesUrl) {
        return CharacterReferences.decodeAttribute(rawValue)
                .map(LinkTargets::asUrlParserSeesIt)
                .filter(LinkTargets::isHttp)
                .filter(url -> !url.equals(preferencesUrl));
    }

    /** The URL standard strips leading and trailing C0 controls and spaces, and every tab and newline. */
    private static String asUrlParserSeesIt(final String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) <= ' ') {
            end--;
        }
        final StringBuilder url = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            final char c = value.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                url.append(c);
            }
        }
        return url.toString();
    }

    private static boolean isHttp(final String url) {
        return Ascii.regionMatchesIgnoreCase(url, 0, "http://") || Ascii.regionMatchesIgnoreCase(url, 0, "https://");
    }
}
