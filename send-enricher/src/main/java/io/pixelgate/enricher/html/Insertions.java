package io.pixelgate.enricher.html;

import java.util.Objects;

/**
 * What to add to a message's HTML. Each part is optional: a null leaves that part out.
 *
 * @param pixelUrl        the open-tracking pixel's URL, or null for no pixel
 * @param preferencesUrl  the recipient's tracking-preferences page, or null for no footer link
 * @param links           rewrites http(s) links for click tracking, or null to leave every link alone
 * @param preferencesText the words of the footer link
 * @param honeypotUrl     the tracked URL of an invisible link no person can follow, or null for none
 */
public record Insertions(String pixelUrl, String preferencesUrl, LinkRewriter links, String preferencesText,
                         String honeypotUrl) {

    /** Short and readable in any language the message may be in. */
    public static final String DEFAULT_PREFERENCES_TEXT = "Email tracking preferences";

    public Insertions {
        Objects.requireNonNull(preferencesText, "preferencesText");
    }

    /** With the default footer text. */
    public Insertions(final String pixelUrl, final String preferencesUrl, final LinkRewriter links) {
        this(pixelUrl, preferencesUrl, links, DEFAULT_PREFERENCES_TEXT, null);
    }

    public Insertions withPreferencesText(final String text) {
        return new Insertions(pixelUrl, preferencesUrl, links, text, honeypotUrl);
    }

    public Insertions withHoneypot(final String url) {
        return new Insertions(pixelUrl, preferencesUrl, links, preferencesText, url);
    }
}
