package io.pixelgate.enricher;

import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.ConfigException;
import io.pixelgate.platform.Setting;
import io.pixelgate.tokens.TokenKeys;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What send-enricher reads from the configuration: each setting declared once below, gathered in
 * {@link #SETTINGS}, read in {@link #from}.
 *
 * @param tokenKeys              {@code token.keys}: the key ring tokens are issued with (required)
 * @param edgePublicUrl          {@code edge.public.url}: base of tracking URLs for projects without a
 *                               {@code trackingBaseUrl}
 * @param consentHistoryRetention how far back the consent of a profile can be looked up; a send older
 *                               than this behind the newest consent change of its partition finds no
 *                               consent (so it is not personal)
 * @param joinGrace              how long a send waits (in stream time) for consent changes stamped before
 *                               it that arrive after it; 0 decides at once
 * @param maxLinks               a send whose html has more links to track is rejected
 * @param honeypotUrl            where the invisible honeypot link of tracked html redirects, null for none
 * @param inPlacePartitions      not a setting but what the application found at start: the partition
 *                               count shared by send-requests and consent-state, with which a send
 *                               keyed by its profileId in that key's partition is joined where it is
 *                               read ({@link SendRouting}); 0, when they differ, shuffles every send
 */
public record EnricherSettings(TokenKeys tokenKeys, String edgePublicUrl, Duration consentHistoryRetention,
                               Duration joinGrace, int maxLinks, String honeypotUrl, int inPlacePartitions) {

    public static final Setting<Duration> CONSENT_HISTORY_RETENTION = Setting.duration(
            "send.enricher.consent.history.retention", Duration.ofDays(7),
            "how far back the versioned consent table answers \"as of\"")
            .check(value -> value.compareTo(Duration.ofMinutes(1)) >= 0, "must be at least PT1M");
    public static final Setting<Duration> JOIN_GRACE = Setting.duration("send.enricher.join.grace", Duration.ZERO,
            "how long (in stream time) a send waits for consent changes stamped before it that arrive late; at most "
                    + "the history retention; delays every decision by as much")
            .check(value -> !value.isNegative(), "must not be negative");
    /**
     * With html within {@code input.max.html.bytes} (512 KiB by default) and at most this many
     * links, a tracked send always fits the tracked-sends topic (4 MiB): each tracked link adds its
     * token (at most a few hundred bytes beyond its target) to the html.
     */
    public static final Setting<Integer> MAX_LINKS = Setting.integer("send.enricher.html.max.links", 2000,
            "a send request whose html has more links to track is rejected").between(1, 20_000);
    public static final Setting<Optional<URI>> HONEYPOT_URL = Setting.of("send.enricher.honeypot.url", "none",
            "where one invisible honeypot link in tracked html redirects (a machine follows it, never a person); "
                    + "`none` for no honeypot",
            "must be an absolute http:// or https:// URL the invisible honeypot link redirects to, or none",
            text -> "none".equals(text) ? Optional.<URI>empty() : Optional.of(URI.create(text)))
            .check(url -> url.isEmpty() || TrackingUrls.isUsableBase(url.get().toString()), "must be http(s)");

    /** The send-enricher's own settings, in the order of the README's table. */
    public static final List<Setting<?>> SETTINGS = List.of(CONSENT_HISTORY_RETENTION, JOIN_GRACE, MAX_LINKS,
            HONEYPOT_URL);

    public EnricherSettings {
        Objects.requireNonNull(tokenKeys, "tokenKeys");
        if (inPlacePartitions < 0) {
            throw new IllegalArgumentException("inPlacePartitions must not be negative, got " + inPlacePartitions);
        }
        Objects.requireNonNull(edgePublicUrl, "edgePublicUrl");
        if (joinGrace.isNegative() || joinGrace.compareTo(consentHistoryRetention) > 0) {
            throw new ConfigException(JOIN_GRACE.key(), "must be between 0 and " + CONSENT_HISTORY_RETENTION.key()
                    + ", got " + joinGrace);
        }
    }

    /** Settings that shuffle every send, as read from the configuration before the cluster is looked at. */
    public EnricherSettings(final TokenKeys tokenKeys, final String edgePublicUrl,
                            final Duration consentHistoryRetention, final Duration joinGrace, final int maxLinks,
                            final String honeypotUrl) {
        this(tokenKeys, edgePublicUrl, consentHistoryRetention, joinGrace, maxLinks, honeypotUrl, 0);
    }

    /** These settings, joining sends in place for topics of {@code partitions} partitions (0: never). */
    public EnricherSettings withSendsInPlace(final int partitions) {
        return new EnricherSettings(tokenKeys, edgePublicUrl, consentHistoryRetention, joinGrace, maxLinks,
                honeypotUrl, partitions);
    }

    /** Reads the settings; a missing or malformed setting fails with a message naming it. */
    public static EnricherSettings from(final PixelgateConfig config) {
        return new EnricherSettings(CommonSettings.TOKEN_KEYS.from(config),
                CommonSettings.EDGE_PUBLIC_URL.from(config).toString(), CONSENT_HISTORY_RETENTION.from(config),
                JOIN_GRACE.from(config), MAX_LINKS.from(config),
                HONEYPOT_URL.from(config).map(URI::toString).orElse(null));
    }
}
