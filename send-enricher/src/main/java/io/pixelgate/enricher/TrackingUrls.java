package io.pixelgate.enricher;

import io.pixelgate.events.ProjectSettings;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.Pixel;
import io.pixelgate.tokens.Preferences;
import io.pixelgate.tokens.TokenCodec;
import java.util.Locale;
import java.util.Objects;

/**
 * The URLs of the tracking edge (SPEC.md section 3): pixel {@code <base>/o/<token>.gif}, tracked
 * link {@code <base>/c/<token>}, preferences page {@code <base>/p/<token>}. The base is the
 * project's {@code trackingBaseUrl} (its custom tracking domain) or else the edge's public URL.
 */
public final class TrackingUrls {

    private final TokenCodec tokens;
    private final String edgeBaseUrl;

    /**
     * @param tokens      issues the tokens
     * @param edgeBaseUrl the edge's public URL ({@code edge.public.url}), an absolute http(s) URL
     */
    public TrackingUrls(final TokenCodec tokens, final String edgeBaseUrl) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        if (!isUsableBase(edgeBaseUrl)) {
            throw new IllegalArgumentException("the edge's public URL must start with http:// or https://, got '"
                    + edgeBaseUrl + "'");
        }
        this.edgeBaseUrl = withoutTrailingSlashes(edgeBaseUrl.trim());
    }

    /**
     * The base for a project's URLs. A {@code trackingBaseUrl} that is not an absolute http(s) URL
     * is ignored (it would put an unusable or unsafe link into every email), so the edge's URL serves.
     */
    public String baseFor(final ProjectSettings settings) {
        final String custom = settings == null ? null : settings.getTrackingBaseUrl();
        return isUsableBase(custom) ? withoutTrailingSlashes(custom.trim()) : edgeBaseUrl;
    }

    public String pixel(final String base, final Pixel claims) {
        return base + "/o/" + tokens.issue(claims) + ".gif";
    }

    /**
     * @throws IllegalArgumentException when the token would be too long (a target URL of kilobytes)
     */
    public String link(final String base, final Link claims) {
        return base + "/c/" + tokens.issue(claims);
    }

    public String preferences(final String base, final Preferences claims) {
        return base + "/p/" + tokens.issue(claims);
    }

    /** Whether {@code url} can be the base of tracking URLs: absolute http(s), nothing that would break out of an attribute. */
    public static boolean isUsableBase(final String url) {
        if (url == null) {
            return false;
        }
        final String lower = url.trim().toLowerCase(Locale.ROOT);
        return (lower.startsWith("http://") || lower.startsWith("https://")) && lower.indexOf("://") + 3 < lower.length()
                && lower.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>');
    }

    private static String withoutTrailingSlashes(final String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }
}
