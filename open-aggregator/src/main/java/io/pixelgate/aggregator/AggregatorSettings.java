package io.pixelgate.aggregator;

import io.pixelgate.aggregator.classify.ClassifierSettings;
import io.pixelgate.aggregator.count.ScoreSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.ConfigException;
import io.pixelgate.platform.PixelgateConfig.Keys;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The open-aggregator's settings, read from the configuration in one place. Every key and its
 * default is here.
 *
 * @param tokenKeys     the key ring hit tokens are verified with ({@code token.keys}, required)
 * @param classifier    network labels, agent patterns and timings of the hit classifier
 * @param score         the engagement score's half-life and weights
 * @param dedupeHorizon how long after its send a message's hits are still deduplicated
 * @param expiryCheck   how often grants past their expiry are looked for, and their data purged
 * @param campaignFlush how often each task forwards its summed campaign deltas (campaign-stats lag by up to this)
 */
public record AggregatorSettings(TokenKeys tokenKeys, ClassifierSettings classifier, ScoreSettings score,
                                 Duration dedupeHorizon, Duration expiryCheck, Duration campaignFlush) {

    public static final String SCANNER_WINDOW = "aggregator.scanner.window";
    public static final String SCANNER_AGENTS = "aggregator.scanner.agents";
    public static final String SCANNER_NETWORKS = "aggregator.scanner.networks";
    public static final String BURST_LINKS = "aggregator.scanner.burst.links";
    public static final String BURST_WINDOW = "aggregator.scanner.burst.window";
    public static final String APPLE_NETWORKS = "aggregator.apple.networks";
    public static final String IMAGE_PROXY_NETWORKS = "aggregator.image-proxy.networks";
    public static final String IMAGE_PROXY_AGENTS = "aggregator.image-proxy.agents";
    public static final String AUTOMATED_AGENTS = "aggregator.automated.agents";
    public static final String SCORE_HALF_LIFE = "aggregator.score.half-life";
    public static final String SCORE_OPEN_WEIGHT = "aggregator.score.open-weight";
    public static final String SCORE_CLICK_WEIGHT = "aggregator.score.click-weight";
    public static final String DEDUPE_HORIZON = "aggregator.dedupe.horizon";
    public static final String EXPIRY_CHECK = "aggregator.consent.expiry-check";
    public static final String CAMPAIGN_FLUSH = "aggregator.campaign.flush-interval";

    /** Gateways that name themselves, and Office's link pre-check; many scanners pose as browsers instead. */
    public static final String DEFAULT_SCANNER_AGENTS = "barracuda,mimecast,proofpoint,urldefense,safelinks,"
            + "ms-office,msoffice,existence discovery,ciscosecureemail,headlesschrome,phantomjs,bingpreview";
    /** HTTP libraries, command-line tools, crawlers and link-preview bots. */
    public static final String DEFAULT_AUTOMATED_AGENTS = "curl/,wget/,python-requests,python-urllib,aiohttp,"
            + "go-http-client,java/,apache-httpclient,libwww-perl,node-fetch,axios/,googlebot,bingbot,slackbot,"
            + "facebookexternalhit,linkedinbot,twitterbot";
    public static final String DEFAULT_IMAGE_PROXY_AGENTS = "googleimageproxy,yahoomailproxy";

    public static AggregatorSettings from(final PixelgateConfig config) {
        final ClassifierSettings classifier = new ClassifierSettings(
                new LinkedHashSet<>(list(config, APPLE_NETWORKS, "apple-mpp")),
                new LinkedHashSet<>(list(config, SCANNER_NETWORKS, "security-scanner")),
                new LinkedHashSet<>(list(config, IMAGE_PROXY_NETWORKS, "google-image-proxy,yahoo-image-proxy")),
                list(config, SCANNER_AGENTS, DEFAULT_SCANNER_AGENTS),
                list(config, IMAGE_PROXY_AGENTS, DEFAULT_IMAGE_PROXY_AGENTS),
                list(config, AUTOMATED_AGENTS, DEFAULT_AUTOMATED_AGENTS),
                config.duration(SCANNER_WINDOW, Duration.ofSeconds(5)),
                burstLinks(config),
                config.duration(BURST_WINDOW, Duration.ofSeconds(2)));
        final ScoreSettings score;
        try {
            score = new ScoreSettings(config.duration(SCORE_HALF_LIFE, Duration.ofDays(14)),
                    config.decimal(SCORE_OPEN_WEIGHT, 1.0), config.decimal(SCORE_CLICK_WEIGHT, 2.0));
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(SCORE_HALF_LIFE, e.getMessage());
        }
        return new AggregatorSettings(tokenKeys(config), classifier, score,
                positive(config, DEDUPE_HORIZON, Duration.ofDays(30)),
                positive(config, EXPIRY_CHECK, Duration.ofMinutes(1)),
                positive(config, CAMPAIGN_FLUSH, Duration.ofSeconds(1)));
    }

    private static int burstLinks(final PixelgateConfig config) {
        final int links = config.integer(BURST_LINKS, 3);
        if (links < 2) {
            throw new ConfigException(BURST_LINKS, "must be 2 or more (distinct links clicked at once), got " + links);
        }
        return links;
    }

    private static TokenKeys tokenKeys(final PixelgateConfig config) {
        try {
            return TokenKeys.parse(config.string(Keys.TOKEN_KEYS));
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(Keys.TOKEN_KEYS, "is invalid: " + e.getMessage()
                    + " (use the same key ring as the send-enricher and the edge)");
        }
    }

    private static List<String> list(final PixelgateConfig config, final String key, final String fallback) {
        return Arrays.stream(config.string(key, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    private static Duration positive(final PixelgateConfig config, final String key, final Duration fallback) {
        final Duration value = config.duration(key, fallback);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(key, "must be a positive duration, got " + value);
        }
        return value;
    }
}
