package io.pixelgate.enricher;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.ConfigException;
import io.pixelgate.platform.PixelgateConfig.Keys;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.Setting;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * What send-enricher reads from the configuration, read in one place.
 *
 * @param tokenKeys              {@code token.keys}: the key ring tokens are issued with (required)
 * @param edgePublicUrl          {@code edge.public.url}: base of tracking URLs for projects without a
 *                               {@code trackingBaseUrl}
 * @param consentHistoryRetention {@code send.enricher.consent.history.retention}: how far back the
 *                               consent of a profile can be looked up; a send older than this behind the
 *                               newest consent change of its partition finds no consent (so it is not personal)
 * @param joinGrace              {@code send.enricher.join.grace}: how long a send waits (in stream time)
 *                               for consent changes stamped before it that arrive after it; 0 decides at once
 * @param maxLinks               {@code send.enricher.html.max.links}: a send whose html has more links to
 *                               track is rejected
 * @param honeypotUrl            {@code send.enricher.honeypot.url}: where the invisible honeypot link of tracked
 *                               html redirects, null for no honeypot (the default)
 */
public record EnricherSettings(TokenKeys tokenKeys, String edgePublicUrl, Duration consentHistoryRetention,
                               Duration joinGrace, int maxLinks, String honeypotUrl) {

    public static final String EDGE_PUBLIC_URL = "edge.public.url";
    public static final String CONSENT_HISTORY_RETENTION = "send.enricher.consent.history.retention";
    public static final String JOIN_GRACE = "send.enricher.join.grace";
    public static final String HONEYPOT_URL = "send.enricher.honeypot.url";

    /**
     * With html within {@code input.max.html.bytes} (512 KiB by default) and at most this many
     * links, a tracked send always fits the tracked-sends topic (4 MiB): each tracked link adds its
     * token (at most a few hundred bytes beyond its target) to the html.
     */
    public static final Setting<Integer> MAX_LINKS = Setting.integer("send.enricher.html.max.links", 2000,
            "a send request whose html has more links to track is rejected").between(1, 20_000);

    public static final String DEFAULT_EDGE_PUBLIC_URL = "http://localhost:8080";
    public static final Duration DEFAULT_CONSENT_HISTORY_RETENTION = Duration.ofDays(7);

    public EnricherSettings {
        Objects.requireNonNull(tokenKeys, "tokenKeys");
        Objects.requireNonNull(edgePublicUrl, "edgePublicUrl");
        if (consentHistoryRetention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ConfigException(CONSENT_HISTORY_RETENTION, "must be at least PT1M, got " + consentHistoryRetention);
        }
        if (joinGrace.isNegative() || joinGrace.compareTo(consentHistoryRetention) > 0) {
            throw new ConfigException(JOIN_GRACE, "must be between 0 and " + CONSENT_HISTORY_RETENTION + ", got "
                    + joinGrace);
        }
    }

    /** Reads the settings; a missing or malformed setting fails with a message naming it. */
    public static EnricherSettings from(final PixelgateRuntime runtime) {
        final PixelgateConfig config = runtime.config();
        final TokenKeys keys;
        try {
            keys = TokenKeys.parse(config.string(Keys.TOKEN_KEYS));
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(Keys.TOKEN_KEYS, "is not a valid key ring: " + e.getMessage());
        }
        final String edge = config.string(EDGE_PUBLIC_URL, DEFAULT_EDGE_PUBLIC_URL);
        if (!TrackingUrls.isUsableBase(edge)) {
            throw new ConfigException(EDGE_PUBLIC_URL, "must be an absolute http:// or https:// URL where mail clients "
                    + "reach the edge, e.g. https://t.example.com, got '" + edge + "'");
        }
        final String honeypot = config.string(HONEYPOT_URL, "none");
        if (!honeypot.equals("none") && !TrackingUrls.isUsableBase(honeypot)) {
            throw new ConfigException(HONEYPOT_URL, "must be an absolute http:// or https:// URL the invisible honeypot "
                    + "link redirects to (a machine follows it, never a person), or none, got '" + honeypot + "'");
        }
        return new EnricherSettings(keys, edge,
                config.duration(CONSENT_HISTORY_RETENTION, DEFAULT_CONSENT_HISTORY_RETENTION),
                config.duration(JOIN_GRACE, Duration.ZERO),
                MAX_LINKS.from(config), honeypot.equals("none") ? null : honeypot.trim());
    }
}
