package io.pixelgate.aggregator;

import io.pixelgate.aggregator.classify.ClassifierSettings;
import io.pixelgate.aggregator.profile.ScoreSettings;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.Setting;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.util.List;

/**
 * The open-aggregator's settings: each declared once below, gathered in {@link #SETTINGS}, read in
 * {@link #from}.
 *
 * @param tokenKeys     the key ring hit tokens are verified with ({@code token.keys}, required)
 * @param classifier    network labels, agent patterns and timings of the hit classifier
 * @param score         the engagement score's half-life and weights
 * @param dedupeHorizon how long after its send a message's hits are still deduplicated
 * @param deliveryHorizon how long after its send a message's delivery is waited for and kept
 * @param expiryCheck   how often grants past their expiry are looked for, and their data purged
 * @param campaignFlush how often each task forwards its summed campaign deltas (campaign-stats lag by up to this)
 * @param retention     how long per-profile data is kept per purpose, and how often that is checked
 * @param minRecipients sends a campaign key needs before its counters are published (small campaigns)
 * @param anonymousSourceWindow within how long one source counts once in {@code anonymousUniqueOpens}
 * @param profilePartitions partitions of the profile-keyed hit topics, which the delivery repartitions
 *                      must match ({@code topic.partitions} until the application has looked at the topics)
 */
public record AggregatorSettings(TokenKeys tokenKeys, ClassifierSettings classifier, ScoreSettings score,
                                 Duration dedupeHorizon, Duration deliveryHorizon, Duration expiryCheck,
                                 Duration campaignFlush, Retention retention, int minRecipients,
                                 Duration anonymousSourceWindow, int profilePartitions) {

    /**
     * Storage limitation (SPEC.md section 1).
     *
     * @param engagement how long an engagement record is kept after its last update (ENGAGEMENT_PROFILING)
     * @param lastOpen   how long a last-open date is kept after that open (deliverability)
     * @param check      how often expired data is looked for; also the index's time granularity
     */
    public record Retention(Duration engagement, Duration lastOpen, Duration check) {
    }

    /** These settings for hit topics of {@code partitions} partitions, as found on the cluster. */
    public AggregatorSettings withProfilePartitions(final int partitions) {
        return new AggregatorSettings(tokenKeys, classifier, score, dedupeHorizon, deliveryHorizon, expiryCheck,
                campaignFlush, retention, minRecipients, anonymousSourceWindow, partitions);
    }

    public static final Setting<Duration> SCANNER_WINDOW = Setting.duration("aggregator.scanner.window",
            Duration.ofSeconds(5), "hits this soon after delivery (or the send, without a delivery) are a "
                    + "scanner's").positive();
    /**
     * Gateways that name themselves, and headless browsers. Not Office's {@code ms-office}: Outlook for
     * Windows downloads images with it (see {@link #LINK_CHECK_AGENTS}).
     */
    public static final Setting<List<String>> SCANNER_AGENTS = Setting.list("aggregator.scanner.agents",
            "barracuda,mimecast,proofpoint,urldefense,safelinks,ciscosecureemail,headlesschrome,phantomjs,bingpreview",
            "user-agent fragments of known scanners");
    public static final Setting<List<String>> SCANNER_NETWORKS = Setting.list("aggregator.scanner.networks",
            "security-scanner,scanner-*", "network labels of scanners (`*` ends a prefix)");
    public static final Setting<Integer> BURST_LINKS = Setting.integer("aggregator.scanner.burst.links", 3,
            "distinct links of one message clicked within the burst window that make a burst").between(2, 1000);
    public static final Setting<Duration> BURST_WINDOW = Setting.duration("aggregator.scanner.burst.window",
            Duration.ofSeconds(5), "how close together a burst's clicks are").positive();
    public static final Setting<Duration> OPEN_CLICK_WINDOW = Setting.duration("aggregator.scanner.open-click.window",
            Duration.ofSeconds(2), "an open and a click of one message from one source this close together are a "
                    + "scanner's").positive();
    public static final Setting<List<String>> APPLE_NETWORKS = Setting.list("aggregator.apple.networks",
            "apple-mpp,apple-private-relay", "network labels of Apple's proxy and Private Relay");
    public static final Setting<List<String>> IMAGE_PROXY_NETWORKS = Setting.list("aggregator.image-proxy.networks",
            "google-image-proxy,yahoo-image-proxy", "network labels of webmail image proxies");
    public static final Setting<List<String>> IMAGE_PROXY_AGENTS = Setting.list("aggregator.image-proxy.agents",
            "googleimageproxy,yahoomailproxy", "user-agent fragments of webmail image proxies");
    /** HTTP libraries, command-line tools, crawlers, link-preview bots and link shorteners. */
    public static final Setting<List<String>> AUTOMATED_AGENTS = Setting.list("aggregator.automated.agents",
            "curl/,wget/,python-requests,python-urllib,aiohttp,go-http-client,java/,apache-httpclient,libwww-perl,"
                    + "node-fetch,axios/,googlebot,bingbot,slackbot,facebookexternalhit,linkedinbot,twitterbot,"
                    + "telegrambot,discordbot,whatsapp/,skypeuripreview,bitlybot,embedly,redditbot",
            "user-agent fragments of HTTP libraries, tools, crawlers, link-preview bots and shorteners");
    /** Office checking a clicked link before the browser opens it (on clicks only). */
    public static final Setting<List<String>> LINK_CHECK_AGENTS = Setting.list("aggregator.link-check.agents",
            "ms-office,msoffice,existence discovery", "user-agent fragments of office suites checking a clicked link "
                    + "(clicks only)");
    public static final Setting<Duration> SCORE_HALF_LIFE = Setting.duration("aggregator.score.half-life",
            Duration.ofDays(14), "engagement score decay").positive();
    public static final Setting<Double> SCORE_OPEN_WEIGHT = Setting.decimal("aggregator.score.open-weight", 1.0,
            "what a human open adds to the score");
    public static final Setting<Double> SCORE_CLICK_WEIGHT = Setting.decimal("aggregator.score.click-weight", 2.0,
            "what a human click adds to the score");
    public static final Setting<Duration> DEDUPE_HORIZON = Setting.duration("aggregator.dedupe.horizon",
            Duration.ofDays(30), "how long a message's unique-open entry is kept").positive();
    public static final Setting<Duration> DELIVERY_HORIZON = Setting.duration("aggregator.delivery.horizon",
            Duration.ofDays(7), "how long after its send a message's delivery is waited for and kept").positive();
    public static final Setting<Duration> EXPIRY_CHECK = Setting.duration("aggregator.consent.expiry-check",
            Duration.ofMinutes(1), "how often grants past their expiry are looked for, and their data purged")
            .positive();
    public static final Setting<Duration> CAMPAIGN_FLUSH = Setting.duration("aggregator.campaign.flush-interval",
            Duration.ofSeconds(1), "how often each task forwards its summed campaign deltas").positive();

    /** A year after its last update: the record serves personalisation of people who still read. */
    public static final Setting<Duration> RETENTION_ENGAGEMENT = Setting.duration("aggregator.retention.engagement",
            Duration.ofDays(365), "how long an engagement record is kept after its last update").positive();
    /** Three years after the open: the CNIL's period for inactive prospects. */
    public static final Setting<Duration> RETENTION_LAST_OPEN = Setting.duration("aggregator.retention.last-open",
            Duration.ofDays(1095), "how long a last-open date is kept after that open").positive();
    public static final Setting<Duration> RETENTION_CHECK = Setting.duration("aggregator.retention.check",
            Duration.ofHours(1), "how often expired engagement records and last-open dates are looked for")
            .positive();
    public static final Setting<Integer> MIN_RECIPIENTS = Setting.integer("aggregator.campaign.min.recipients", 10,
            "sends a campaign key needs before its counters are published").between(0, 1_000_000);
    public static final Setting<Duration> ANONYMOUS_SOURCE_WINDOW = Setting.duration(
            "aggregator.anonymous.source-window", Duration.ofDays(1),
            "one source counts once in anonymousUniqueOpens per campaign key within this window").positive();

    /** The open-aggregator's own settings, in the order of its README's table. */
    public static final List<Setting<?>> SETTINGS = List.of(SCANNER_WINDOW, SCANNER_AGENTS, SCANNER_NETWORKS,
            BURST_LINKS, BURST_WINDOW, OPEN_CLICK_WINDOW, APPLE_NETWORKS, IMAGE_PROXY_NETWORKS, IMAGE_PROXY_AGENTS,
            AUTOMATED_AGENTS, LINK_CHECK_AGENTS, SCORE_HALF_LIFE, SCORE_OPEN_WEIGHT, SCORE_CLICK_WEIGHT,
            DEDUPE_HORIZON, DELIVERY_HORIZON, EXPIRY_CHECK, CAMPAIGN_FLUSH, RETENTION_ENGAGEMENT, RETENTION_LAST_OPEN,
            RETENTION_CHECK, MIN_RECIPIENTS, ANONYMOUS_SOURCE_WINDOW);

    public static AggregatorSettings from(final PixelgateConfig config) {
        final ClassifierSettings classifier = new ClassifierSettings(APPLE_NETWORKS.from(config),
                SCANNER_NETWORKS.from(config), IMAGE_PROXY_NETWORKS.from(config), SCANNER_AGENTS.from(config),
                IMAGE_PROXY_AGENTS.from(config), AUTOMATED_AGENTS.from(config), LINK_CHECK_AGENTS.from(config),
                SCANNER_WINDOW.from(config), BURST_LINKS.from(config), BURST_WINDOW.from(config),
                OPEN_CLICK_WINDOW.from(config));
        final ScoreSettings score = new ScoreSettings(SCORE_HALF_LIFE.from(config), SCORE_OPEN_WEIGHT.from(config),
                SCORE_CLICK_WEIGHT.from(config));
        return new AggregatorSettings(CommonSettings.TOKEN_KEYS.from(config), classifier, score,
                DEDUPE_HORIZON.from(config), DELIVERY_HORIZON.from(config), EXPIRY_CHECK.from(config),
                CAMPAIGN_FLUSH.from(config), new Retention(RETENTION_ENGAGEMENT.from(config),
                        RETENTION_LAST_OPEN.from(config), RETENTION_CHECK.from(config)),
                MIN_RECIPIENTS.from(config), ANONYMOUS_SOURCE_WINDOW.from(config),
                CommonSettings.TOPIC_PARTITIONS.from(config));
    }
}
