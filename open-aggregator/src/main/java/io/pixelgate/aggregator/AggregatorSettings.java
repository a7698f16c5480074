package io.pixelgate.aggregator;

import io.pixelgate.aggregator.classify.ClassifierSettings;
import io.pixelgate.aggregator.count.ScoreSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.ConfigException;
import io.pixelgate.platform.PixelgateConfig.Keys;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The open-aggregator's settings, read from the configuration in one place. Every key and its
 * default is here.
 *
 * @param tokenKeys     the key ring hit tokens are verified with ({@code token.keys}, required)
 * @param classifier    network labels, agent patterns and timings of the hit classifier
 * @param score         the engagement score's half-life and weights
 * @param dedupeHorizon how long after its send a message's hits are still deduplicated
 * @param deliveryHorizon how long after its send a message's delivery is waited for and kept
 * @param expiryCheck   how often grants past their expiry are looked for, and their data purged
 * @param campaignFlush how often each task forwards its summed campaign deltas (campaign-stats lag by up to this)
 * @param profilePartitions partitions of the profile-keyed hit topics, which the delivery repartitions
 *                      must match ({@code topic.partitions} until the application has looked at the topics)
 */
public record AggregatorSettings(TokenKeys tokenKeys, ClassifierSettings classifier, ScoreSettings score,
                                 Duration dedupeHorizon, Duration deliveryHorizon, Duration expiryCheck,
                                 Duration campaignFlush, int profilePartitions) {

    /** These settings for hit topics of {@code partitions} partitions, as found on the cluster. */
    public AggregatorSettings withProfilePartitions(final int partitions) {
        return new AggregatorSettings(tokenKeys, classifier, score, dedupeHorizon, deliveryHorizon, expiryCheck,
                campaignFlush, partitions);
    }

    public static final String SCANNER_WINDOW = "aggregator.scanner.window";
    public static final String SCANNER_AGENTS = "aggregator.scanner.agents";
    public static final String SCANNER_NETWORKS = "aggregator.scanner.networks";
    public static final String BURST_LINKS = "aggregator.scanner.burst.links";
    public static final String BURST_WINDOW = "aggregator.scanner.burst.window";
    public static final String OPEN_CLICK_WINDOW = "aggregator.scanner.open-click.window";
    public static final String APPLE_NETWORKS = "aggregator.apple.networks";
    public static final String IMAGE_PROXY_NETWORKS = "aggregator.image-proxy.networks";
    public static final String IMAGE_PROXY_AGENTS = "aggregator.image-proxy.agents";
    public static final String AUTOMATED_AGENTS = "aggregator.automated.agents";
    public static final String LINK_CHECK_AGENTS = "aggregator.link-check.agents";
    public static final String SCORE_HALF_LIFE = "aggregator.score.half-life";
    public static final String SCORE_OPEN_WEIGHT = "aggregator.score.open-weight";
    public static final String SCORE_CLICK_WEIGHT = "aggregator.score.click-weight";
    public static final String DEDUPE_HORIZON = "aggregator.dedupe.horizon";
    public static final String DELIVERY_HORIZON = "aggregator.delivery.horizon";
    public static final String EXPIRY_CHECK = "aggregator.consent.expiry-check";
    public static final String CAMPAIGN_FLUSH = "aggregator.campaign.flush-interval";

    /**
     * Gateways that name themselves, and headless browsers. Not Office's {@code ms-office}: Outlook for
     * Windows downloads images with it (see {@link #DEFAULT_LINK_CHECK_AGENTS}).
     */
    public static final String DEFAULT_SCANNER_AGENTS = "barracuda,mimecast,proofpoint,urldefense,safelinks,"
            + "ciscosecureemail,headlesschrome,phantomjs,bingpreview";
    /** HTTP libraries, command-line tools, crawlers, link-preview bots and link shorteners. */
    public static final String DEFAULT_AUTOMATED_AGENTS = "curl/,wget/,python-requests,python-urllib,aiohttp,"
            + "go-http-client,java/,apache-httpclient,libwww-perl,node-fetch,axios/,googlebot,bingbot,slackbot,"
            + "facebookexternalhit,linkedinbot,twitterbot,telegrambot,discordbot,whatsapp/,skypeuripreview,"
            + "bitlybot,embedly,redditbot";
    /** Office checking a clicked link before the browser opens it (on clicks only). */
    public static final String DEFAULT_LINK_CHECK_AGENTS = "ms-office,msoffice,existence discovery";
    public static final String DEFAULT_IMAGE_PROXY_AGENTS = "googleimageproxy,yahoomailproxy";
    /** The edge's labels for Apple's proxy (17.0.0.0/8) and for Private Relay egress lists. */
    public static final String DEFAULT_APPLE_NETWORKS = "apple-mpp,apple-private-relay";
    /** The edge's generic scanner label, and every scanner vendor's label ({@code scanner-mimecast}, ...). */
    public static final String DEFAULT_SCANNER_NETWORKS = "security-scanner,scanner-*";
    public static final String DEFAULT_IMAGE_PROXY_NETWORKS = "google-image-proxy,yahoo-image-proxy";

    public static AggregatorSettings from(final PixelgateConfig config) {
        final ClassifierSettings classifier = new ClassifierSettings(
                list(config, APPLE_NETWORKS, DEFAULT_APPLE_NETWORKS),
                list(config, SCANNER_NETWORKS, DEFAULT_SCANNER_NETWORKS),
                list(config, IMAGE_PROXY_NETWORKS, DEFAULT_IMAGE_PROXY_NETWORKS),
                list(config, SCANNER_AGENTS, DEFAULT_SCANNER_AGENTS),
                list(config, IMAGE_PROXY_AGENTS, DEFAULT_IMAGE_PROXY_AGENTS),
                list(config, AUTOMATED_AGENTS, DEFAULT_AUTOMATED_AGENTS),
                list(config, LINK_CHECK_AGENTS, DEFAULT_LINK_CHECK_AGENTS),
                positive(config, SCANNER_WINDOW, Duration.ofSeconds(5)),
                burstLinks(config),
                positive(config, BURST_WINDOW, Duration.ofSeconds(5)),
                positive(config, OPEN_CLICK_WINDOW, Duration.ofSeconds(2)));
        final ScoreSettings score;
        try {
            score = new ScoreSettings(config.duration(SCORE_HALF_LIFE, Duration.ofDays(14)),
                    config.decimal(SCORE_OPEN_WEIGHT, 1.0), config.decimal(SCORE_CLICK_WEIGHT, 2.0));
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(SCORE_HALF_LIFE, e.getMessage());
        }
        return new AggregatorSettings(tokenKeys(config), classifier, score,
                positive(config, DEDUPE_HORIZON, Duration.ofDays(30)),
                positive(config, DELIVERY_HORIZON, Duration.ofDays(7)),
                positive(config, EXPIRY_CHECK, Duration.ofMinutes(1)),
                positive(config, CAMPAIGN_FLUSH, Duration.ofSeconds(1)),
                config.integer(Keys.TOPIC_PARTITIONS, PixelgateConfig.DEFAULT_TOPIC_PARTITIONS));
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
