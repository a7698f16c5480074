package io.pixelgate.edge.http;

import java.util.Locale;
import java.util.Optional;

/** The {@code Location} of a click's redirect, from a link token's target. */
final class Redirects {

    private Redirects() {
    }

    /**
     * The target as a header value: tabs and line breaks removed (as a browser does when parsing a
     * URL, so a header can never be split), empty when anything else is unsafe in a header or the
     * scheme is not http(s). The target comes from an authenticated token; this is a second fence.
     */
    static Optional<String> location(final String target) {
        final StringBuilder cleaned = new StringBuilder(target.length());
        for (int i = 0; i < target.length(); i++) {
            final char c = target.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c < 0x20 || c == 0x7F) {
                return Optional.empty();
            }
            cleaned.append(c);
        }
        final String location = cleaned.toString().trim();
        final String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? Optional.of(location) : Optional.empty();
    }
}
