package io.pixelgate.edge;

import io.pixelgate.edge.http.HttpLimits;
import io.pixelgate.edge.kafka.Lane;
import io.pixelgate.edge.kafka.LaneLimits;
import io.pixelgate.edge.net.Cidr;
import io.pixelgate.edge.net.Network;
import io.pixelgate.edge.net.NetworkLists;
import io.pixelgate.edge.prefs.FormRules;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.ConfigException;
import io.pixelgate.platform.Setting;
import io.pixelgate.tokens.TokenKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The edge's settings: each declared once below, gathered in {@link #SETTINGS}, read in {@link #from}.
 *
 * @param port            HTTP port; 0 picks a free one (tests)
 * @param host            interface to listen on
 * @param publicUrl       the base URL mail clients use; its host is accepted as a form origin
 * @param trustedProxies  peers whose {@code X-Forwarded-For} is believed
 * @param networks        labelled ranges a client address is classified into
 * @param lanes           what each lane to Kafka holds while Kafka has not acknowledged it
 * @param httpInstances   HTTP server instances, one per event loop
 * @param tokenKeys       the token key ring shared with the send-enricher and open-aggregator
 * @param wordingName     the wording shown on preferences pages, e.g. {@code preferences-v2}
 * @param wordingLanguages the languages of the wording, the first being the default
 * @param wordingDir      a directory of wording files replacing the built-in ones, if set
 * @param producerOverrides Kafka producer settings given as {@code edge.producer.*}
 * @param http            limits on what one client may ask of the HTTP servers
 * @param forms           what the preferences pages accept from a POST
 */
public record EdgeSettings(int port, String host, URI publicUrl, List<Cidr> trustedProxies, List<Network> networks,
                           Map<Lane, LaneLimits> lanes, int httpInstances, TokenKeys tokenKeys, String wordingName,
                           List<String> wordingLanguages, Optional<Path> wordingDir,
                           Map<String, String> producerOverrides, HttpLimits http, FormRules forms) {

    /**
     * Known mail-proxy and scanner networks, from the address blocks their operators publish:
     * Apple's AS714 block 17.0.0.0/8, from which Mail Privacy Protection fetches; Google's blocks
     * seen behind GoogleImageProxy; Yahoo's AS26101 blocks behind its mail image proxy; and, each
     * under a {@code scanner-<vendor>} label, the ranges mail-security vendors publish for their
     * gateways (Microsoft's Exchange Online Protection ranges from "Microsoft 365 URLs and IP
     * address ranges"; Mimecast's "Data Centers and URLs"; Proofpoint's AS22843 blocks listed in
     * its connection details; Barracuda's "Email Security Service IP ranges"). Apple's Private Relay
     * egress list is tens of thousands of ranges and changes weekly, so it is not built in: load it
     * with {@code edge.networks.files}. These blocks change: operators keep them current.
     */
    public static final String DEFAULT_NETWORKS = String.join(",",
            "apple-mpp=17.0.0.0/8",
            "google-image-proxy=66.102.0.0/20",
            "google-image-proxy=66.249.80.0/20",
            "google-image-proxy=64.233.160.0/19",
            "google-image-proxy=72.14.192.0/18",
            "google-image-proxy=74.125.0.0/16",
            "yahoo-image-proxy=98.136.0.0/14",
            "yahoo-image-proxy=74.6.0.0/16",
            "yahoo-image-proxy=67.195.0.0/16",
            "yahoo-image-proxy=66.196.64.0/18",
            "scanner-microsoft=40.92.0.0/15",
            "scanner-microsoft=40.107.0.0/16",
            "scanner-microsoft=52.100.0.0/14",
            "scanner-microsoft=104.47.0.0/17",
            "scanner-mimecast=205.139.110.0/24",
            "scanner-mimecast=205.139.111.0/24",
            "scanner-mimecast=216.205.24.0/24",
            "scanner-mimecast=63.128.21.0/24",
            "scanner-mimecast=170.10.128.0/24",
            "scanner-mimecast=170.10.129.0/24",
            "scanner-mimecast=207.211.30.0/24",
            "scanner-mimecast=91.220.42.0/24",
            "scanner-mimecast=146.101.78.0/24",
            "scanner-mimecast=195.130.217.0/24",
            "scanner-proofpoint=148.163.128.0/19",
            "scanner-proofpoint=67.231.144.0/20",
            "scanner-barracuda=64.235.144.0/20",
            "scanner-barracuda=209.222.80.0/21");

    public static final Setting<Integer> PORT = Setting.integer("edge.port", 8080,
            "where the edge listens; 0 picks a free port").between(0, 65_535);
    public static final Setting<String> HOST = Setting.text("edge.host", "0.0.0.0", "the interface the edge listens on");
    public static final Setting<List<Cidr>> TRUSTED_PROXIES = Setting.of("edge.trusted.proxies", "none",
            "CIDRs whose `X-Forwarded-For` is believed", "must be CIDR ranges separated by commas, or none",
            text -> Setting.items(text).stream().map(Cidr::parse).toList());
    public static final Setting<List<Network>> NETWORKS = Setting.of("edge.networks", DEFAULT_NETWORKS,
            "`label=cidr,...` or `none`: network facts the classifier uses; the most specific range wins",
            "must be label=cidr pairs separated by commas, e.g. apple-mpp=17.0.0.0/8, or none",
            EdgeSettings::networks).documentedAs("the ranges of the table below");
    public static final Setting<List<Network>> NETWORK_FILES = Setting.of("edge.networks.files", "none",
            "`label=path,...`: published range lists read at start, one range a line as the first comma-separated "
                    + "field (Apple's Private Relay list reads as published); `#` comments",
            "must be label=path pairs separated by commas, e.g. apple-private-relay=/etc/egress-ip-ranges.csv, "
                    + "each a readable list", EdgeSettings::networkFiles);
    public static final Setting<Integer> BUFFER_CAPACITY = Setting.integer("edge.buffer.capacity", 100_000,
            "hits held until Kafka acknowledges them (records); overflow is counted").between(1, 100_000_000);
    public static final Setting<Long> BUFFER_BYTES = bytes("edge.buffer.bytes", 32L * 1024 * 1024,
            "hits held until Kafka acknowledges them (estimated bytes)");
    public static final Setting<Integer> CONSENT_BUFFER_CAPACITY = Setting.integer("edge.buffer.consent.capacity",
            10_000, "consent changes held in their own lane (records)").between(1, 10_000_000);
    public static final Setting<Long> CONSENT_BUFFER_BYTES = bytes("edge.buffer.consent.bytes", 8L * 1024 * 1024,
            "consent changes held in their own lane (estimated bytes)");
    public static final Setting<Duration> HEADER_TIMEOUT = Setting.duration("edge.http.header.timeout",
            Duration.ofSeconds(10), "time to send a request's headers, from the connection's opening or its "
                    + "previous answer").positive();
    public static final Setting<Integer> MAX_CONNECTIONS = Setting.integer("edge.http.max.connections", 10_000,
            "connections open at once on this instance; more are closed as they open").between(1, 1_000_000);
    /** The longest token (a link's carries its target URL) plus the request line around it. */
    public static final Setting<Integer> MAX_REQUEST_LINE = Setting.integer("edge.http.max.request.line", 4096 + 256,
            "longest request line (method, path with its token, version); longer is a 414").between(256, 1 << 20);
    public static final Setting<Integer> MAX_HEADER_SIZE = Setting.integer("edge.http.max.header.size", 8192,
            "most bytes of headers; more is a 431").between(1024, 1 << 20);
    public static final Setting<Duration> FORM_MAX_AGE = Setting.duration("edge.preferences.form.max.age",
            Duration.ofHours(1), "a form that grants must be posted within this time of being shown").positive();
    public static final Setting<Integer> RATE_LIMIT = Setting.integer("edge.preferences.rate.limit", 5,
            "decision POSTs per profile in a burst").between(1, 10_000);
    public static final Setting<Duration> RATE_WINDOW = Setting.duration("edge.preferences.rate.window",
            Duration.ofMinutes(1), "time in which the burst refills").positive();
    public static final Setting<Duration> WITHDRAWAL_WINDOW = Setting.duration("edge.preferences.withdrawal.window",
            Duration.ofSeconds(10), "at most one withdrawal record per profile per window; the others are "
                    + "answered and coalesced").positive();
    public static final Setting<Integer> REMEMBERED_PROFILES = Setting.integer("edge.preferences.remembered.profiles",
            100_000, "profiles this instance remembers for the checks above").between(1, 100_000_000);
    public static final Setting<Integer> HTTP_INSTANCES = Setting.of("edge.http.instances", "cores",
            "HTTP server instances, one per event loop; `cores` is one per core", "must be a whole number or cores",
            text -> "cores".equals(text) ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(text))
            .between(1, 1024);
    public static final Setting<String> WORDING = Setting.text("edge.wording", "preferences-v2",
            "the preferences page's wording version").check(name -> name.matches("[a-z0-9][a-z0-9-]{0,63}"),
            "must be a wording name such as preferences-v2 (a-z 0-9 -)");
    public static final Setting<List<String>> WORDING_LANGUAGES = Setting.list("edge.wording.languages", "en,fr",
            "the preferences page's languages, the default first").check(languages -> !languages.isEmpty()
            && languages.stream().allMatch(language -> language.matches("[a-z]{2}")),
            "must list two-letter language codes, the default first, e.g. en,fr");
    public static final Setting<Optional<Path>> WORDING_DIR = Setting.of("edge.wording.dir", "none",
            "a directory of wording files replacing the built-in ones", "must be a directory",
            text -> "none".equals(text) ? Optional.<Path>empty() : Optional.of(Path.of(text)));
    /** Prefix of Kafka producer settings passed through as they are, e.g. edge.producer.linger.ms. */
    public static final String PRODUCER_PREFIX = "edge.producer.";

    /** Every setting of the edge, in the order of its README's table. */
    public static final List<Setting<?>> SETTINGS = List.of(PORT, HOST, TRUSTED_PROXIES, NETWORKS, NETWORK_FILES,
            BUFFER_CAPACITY, BUFFER_BYTES, CONSENT_BUFFER_CAPACITY, CONSENT_BUFFER_BYTES, HEADER_TIMEOUT,
            MAX_CONNECTIONS, MAX_REQUEST_LINE, MAX_HEADER_SIZE, FORM_MAX_AGE, RATE_LIMIT, RATE_WINDOW,
            WITHDRAWAL_WINDOW, REMEMBERED_PROFILES, HTTP_INSTANCES, WORDING, WORDING_LANGUAGES, WORDING_DIR);

    public EdgeSettings {
        lanes = Map.copyOf(lanes);
        trustedProxies = List.copyOf(trustedProxies);
        networks = List.copyOf(networks);
        wordingLanguages = List.copyOf(wordingLanguages);
        producerOverrides = Map.copyOf(producerOverrides);
    }

    /** Reads and checks every edge setting; a bad one throws a {@link ConfigException} naming it. */
    public static EdgeSettings from(final PixelgateConfig config) {
        final List<Network> networks = new ArrayList<>(NETWORKS.from(config));
        networks.addAll(NETWORK_FILES.from(config));
        final Map<Lane, LaneLimits> lanes = new EnumMap<>(Lane.class);
        lanes.put(Lane.HITS, new LaneLimits(BUFFER_CAPACITY.from(config), BUFFER_BYTES.from(config),
                BUFFER_CAPACITY.key(), BUFFER_BYTES.key()));
        lanes.put(Lane.CONSENT, new LaneLimits(CONSENT_BUFFER_CAPACITY.from(config), CONSENT_BUFFER_BYTES.from(config),
                CONSENT_BUFFER_CAPACITY.key(), CONSENT_BUFFER_BYTES.key()));
        return new EdgeSettings(PORT.from(config), HOST.from(config), CommonSettings.EDGE_PUBLIC_URL.from(config),
                TRUSTED_PROXIES.from(config), networks, lanes, HTTP_INSTANCES.from(config),
                CommonSettings.TOKEN_KEYS.from(config), WORDING.from(config), WORDING_LANGUAGES.from(config),
                WORDING_DIR.from(config), config.withPrefix(PRODUCER_PREFIX),
                new HttpLimits(HEADER_TIMEOUT.from(config), MAX_CONNECTIONS.from(config), MAX_REQUEST_LINE.from(config),
                        MAX_HEADER_SIZE.from(config)),
                new FormRules(FORM_MAX_AGE.from(config), RATE_LIMIT.from(config), RATE_WINDOW.from(config),
                        WITHDRAWAL_WINDOW.from(config), REMEMBERED_PROFILES.from(config)));
    }

    /** Hits held while Kafka has not acknowledged them (the hits lane's record bound). */
    public int bufferCapacity() {
        return lanes.get(Lane.HITS).records();
    }

    private static Setting<Long> bytes(final String key, final long defaultValue, final String doc) {
        return Setting.of(key, Long.toString(defaultValue), doc, "must be a number of bytes", Long::parseLong)
                .check(value -> value >= 1024, "must be at least 1024");
    }

    private static List<Network> networks(final String text) {
        final List<Network> networks = new ArrayList<>();
        for (final String item : Setting.items(text)) {
            final int equals = item.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("'" + item + "' has no label=");
            }
            networks.add(new Network(item.substring(0, equals).trim(), Cidr.parse(item.substring(equals + 1))));
        }
        return networks;
    }

    private static List<Network> networkFiles(final String text) {
        final List<Network> networks = new ArrayList<>();
        for (final String item : Setting.items(text)) {
            final int equals = item.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("'" + item + "' has no label=");
            }
            final Path file = Path.of(item.substring(equals + 1).trim());
            try {
                networks.addAll(NetworkLists.read(item.substring(0, equals).trim(), file));
            } catch (final IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return networks;
    }
}
