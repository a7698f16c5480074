package io.pixelgate.demo;

import io.pixelgate.events.SendCategory;
import io.pixelgate.events.TrackingMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What lands in a recipient's mailbox, from a tracked send: the URLs in it that reach the edge.
 *
 * @param messageId      the message
 * @param profileId      the recipient
 * @param campaignId     the campaign
 * @param variant        the A/B variant, or null
 * @param category       what kind of email
 * @param mode           the tracking mode Pixelgate decided
 * @param pixelUrl       the pixel, or null (mode NONE)
 * @param trackedLinks   the rewritten links to the edge ({@code /c/...}), in the order of the HTML
 * @param preferencesUrl the tracking-preferences page, or null (mode NONE)
 */
public record Delivery(String messageId, String profileId, String campaignId, String variant, SendCategory category,
                       TrackingMode mode, String pixelUrl, List<String> trackedLinks, String preferencesUrl) {

    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    public Delivery {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(mode, "mode");
        trackedLinks = List.copyOf(trackedLinks);
    }

    /**
     * The edge's click links in {@code html}: every {@code href} starting with
     * {@code <trackingBase>/c/}. The preferences link in the footer is {@code /p/}, and the shop's
     * own links (all of them, for mode NONE) point elsewhere.
     *
     * @param trackingBase the edge's base URL as the message's other tracking URLs use it, e.g.
     *                     {@code http://localhost:8080}; null when the message has none
     */
    public static List<String> trackedLinksIn(final String html, final String trackingBase) {
        if (html == null || trackingBase == null) {
            return List.of();
        }
        final String prefix = trackingBase + "/c/";
        final List<String> links = new ArrayList<>();
        final Matcher href = HREF.matcher(html);
        while (href.find()) {
            final String url = FormFields.unescape(href.group(1));
            if (url.startsWith(prefix)) {
                links.add(url);
            }
        }
        return links;
    }

    /** The scheme and authority of {@code url} ({@code http://localhost:8080}), or null for null. */
    public static String baseOf(final String url) {
        if (url == null) {
            return null;
        }
        final URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
