package io.pixelgate.tokens;

import java.util.Locale;
import java.util.Objects;

/**
 * A tracked link ({@code /c/{token}}). The redirect target comes only from here, so the edge can
 * never be used as an open redirect; only http(s) targets are accepted.
 *
 * @param send      the message (personal, deliverability) or only the campaign (anonymous)
 * @param linkIndex the position of the link among the message's tracked links, from 0
 * @param targetUrl where the click goes
 */
public record Link(SendIdentity send, int linkIndex, String targetUrl) implements Claims {

    /**
     * The index of a message's honeypot link: invisible in the html, so only a machine follows it.
     * Beyond any real link's position, and inside the token like any index, so a scanner cannot tell it apart.
     */
    public static final int HONEYPOT_INDEX = Integer.MAX_VALUE;

    public Link {
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(targetUrl, "targetUrl");
        if (linkIndex < 0) {
            throw new IllegalArgumentException("linkIndex must be 0 or more, was " + linkIndex);
        }
        if (!isHttp(targetUrl)) {
            throw new IllegalArgumentException("targetUrl must start with http:// or https://");
        }
    }

    /** Whether this is a message's invisible honeypot link ({@link #HONEYPOT_INDEX}). */
    public boolean honeypot() {
        return linkIndex == HONEYPOT_INDEX;
    }

    private static boolean isHttp(final String url) {
        final String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
