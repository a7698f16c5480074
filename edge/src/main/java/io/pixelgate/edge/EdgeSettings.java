package io.pixelgate.edge;

import io.pixelgate.edge.http.HttpLimits;
import io.pixelgate.edge.kafka.Lane;
import io.pixelgate.edge.kafka.LaneLimits;
import io.pixelgate.edge.net.Cidr;
import io.pixelgate.edge.net.Network;
import io.pixelgate.edge.net.NetworkLists;
import io.pixelgate.edge.prefs.FormRules;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.ConfigException;
import io.pixelgate.tokens.TokenKeys;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The edge's settings, read from the configuration in one place ({@link #from}).
 *
 * @param port            HTTP port; 0 picks a free one (tests)
 * @param host            interface to listen on
 * @param publicUrl       the base URL mail clients use; its host is accepted as a form origin
 * @param trustedProxies  peers whose {@code X-Forwarded-For} is believed
 * @param networks        labelled ranges a client address is classified into
 * @param lanes           what each lane to Kafka holds while Kafka has not acknowledged it
 * @param httpInstances   HTTP server instances, one per event loop
 * @param tokenKeys       the token key ring shared with the send-enricher and open-aggregator
 * @param wordingName     the wording shown on preferences pages, e.g. {@code preferences-v1}
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

    /** The edge's configuration keys. */
    public static final class Keys {
        public static final String PORT = "edge.port";
        public static final String HOST = "edge.host";
        public static final String PUBLIC_URL = "edge.public.url";
        public static final String TRUSTED_PROXIES = "edge.trusted.proxies";
        public static final String NETWORKS = "edge.networks";
        /** {@code label=path,...}: published range lists read from files, e.g. Private Relay's egress list. */
        public static final String NETWORK_FILES = "edge.networks.files";
        public static final String BUFFER_CAPACITY = "edge.buffer.capacity";
        public static final String BUFFER_BYTES = "edge.buffer.bytes";
        public static final String CONSENT_BUFFER_CAPACITY = "edge.buffer.consent.capacity";
        public static final String CONSENT_BUFFER_BYTES = "edge.buffer.consent.bytes";
        public static final String HEADER_TIMEOUT = "edge.http.header.timeout";
        public static final String MAX_CONNECTIONS = "edge.http.max.connections";
        public static final String MAX_REQUEST_LINE = "edge.http.max.request.line";
        public static final String MAX_HEADER_SIZE = "edge.http.max.header.size";
        public static final String FORM_MAX_AGE = "edge.preferences.form.max.age";
        public static final String RATE_LIMIT = "edge.preferences.rate.limit";
        public static final String RATE_WINDOW = "edge.preferences.rate.window";
        public static final String WITHDRAWAL_WINDOW = "edge.preferences.withdrawal.window";
        public static final String REMEMBERED_PROFILES = "edge.preferences.remembered.profiles";
        public static final String HTTP_INSTANCES = "edge.http.instances";
        public static final String WORDING = "edge.wording";
        public static final String WORDING_LANGUAGES = "edge.wording.languages";
        public static final String WORDING_DIR = "edge.wording.dir";
        /** Prefix of Kafka producer settings passed through as they are, e.g. edge.producer.linger.ms. */
        public static final String PRODUCER_PREFIX = "edge.producer.";

        private Keys() {
        }
    }

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";
    public static final int DEFAULT_BUFFER_CAPACITY = 100_000;
    public static final long DEFAULT_BUFFER_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_CONSENT_BUFFER_CAPACITY = 10_000;
    public static final long DEFAULT_CONSENT_BUFFER_BYTES = 8L * 1024 * 1024;
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** The longest token (a link's carries its target URL) plus the request line around it. */
    public static final int DEFAULT_MAX_REQUEST_LINE = 4096 + 256;
    public static final int DEFAULT_MAX_HEADER_SIZE = 8192;
    public static final Duration DEFAULT_FORM_MAX_AGE = Duration.ofHours(1);
    public static final int DEFAULT_RATE_LIMIT = 5;
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofMinutes(1);
    public static final Duration DEFAULT_WITHDRAWAL_WINDOW = Duration.ofSeconds(10);
    public static final int DEFAULT_REMEMBERED_PROFILES = 100_000;
    public static final String DEFAULT_WORDING = "preferences-v2";
    public static final String DEFAULT_WORDING_LANGUAGES = "en,fr";
    /** Written in place of a list to mean "none". */
    public static final String NONE = "none";

    /**
     * Known mail-proxy and scanner networks, from the address blocks their operators publish:
     * Apple's AS714 block 17.0.0.0/8, from which Mail Privacy Protection fetches; Google's blocks
     * seen behind GoogleImageProxy; Yahoo's AS26101 blocks behind its mail image proxy; and, each
     * under a {@code scanner-<vendor>} label, the ranges mail-security vendors publish for their
     * gateways (Microsoft's Exchange Online Protection ranges from "Microsoft 365 URLs and IP
     * address ranges"; Mimecast's "Data Centers and URLs"; Proofpoint's AS22843 blocks listed in
     * its connection details; Barracuda's "Email Security Service IP ranges"). Apple's Private Relay
     * egress list is tens of thousands of ranges and changes weekly, so it is not built in: load it
     * with {@value Keys#NETWORK_FILES}. These blocks change: operators keep them current.
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

    public EdgeSettings {
        lanes = Map.copyOf(lanes);
        trustedProxies = List.copyOf(trustedProxies);
        networks = List.copyOf(networks);
        wordingLanguages = List.copyOf(wordingLanguages);
        producerOverrides = Map.copyOf(producerOverrides);
    }

    /** Reads and checks every edge setting; a bad one throws a {@link ConfigException} naming it. */
    public static EdgeSettings from(final PixelgateConfig config) {
        final int port = config.integer(Keys.PORT, DEFAULT_PORT);
        if (port < 0 || port > 65535) {
            throw new ConfigException(Keys.PORT, "must be 0 (any free port) to 65535, got " + port);
        }
        final int instances = atLeastOne(config, Keys.HTTP_INSTANCES, Runtime.getRuntime().availableProcessors());
        return new EdgeSettings(port, config.string(Keys.HOST, DEFAULT_HOST), publicUrl(config),
                cidrs(config.string(Keys.TRUSTED_PROXIES, NONE)), networks(config),
                lanes(config), instances, tokenKeys(config), wordingName(config), languages(config),
                Optional.ofNullable(config.string(Keys.WORDING_DIR, null)).map(Path::of),
                config.withPrefix(Keys.PRODUCER_PREFIX), http(config), forms(config));
    }

    /** Hits held while Kafka has not acknowledged them (the hits lane's record bound). */
    public int bufferCapacity() {
        return lanes.get(Lane.HITS).records();
    }

    private static Map<Lane, LaneLimits> lanes(final PixelgateConfig config) {
        final Map<Lane, LaneLimits> lanes = new EnumMap<>(Lane.class);
        lanes.put(Lane.HITS, new LaneLimits(atLeastOne(config, Keys.BUFFER_CAPACITY, DEFAULT_BUFFER_CAPACITY),
                bytes(config, Keys.BUFFER_BYTES, DEFAULT_BUFFER_BYTES), Keys.BUFFER_CAPACITY, Keys.BUFFER_BYTES));
        lanes.put(Lane.CONSENT, new LaneLimits(
                atLeastOne(config, Keys.CONSENT_BUFFER_CAPACITY, DEFAULT_CONSENT_BUFFER_CAPACITY),
                bytes(config, Keys.CONSENT_BUFFER_BYTES, DEFAULT_CONSENT_BUFFER_BYTES),
                Keys.CONSENT_BUFFER_CAPACITY, Keys.CONSENT_BUFFER_BYTES));
        return lanes;
    }

    private static HttpLimits http(final PixelgateConfig config) {
        return new HttpLimits(positive(config, Keys.HEADER_TIMEOUT, DEFAULT_HEADER_TIMEOUT),
                atLeastOne(config, Keys.MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS),
                atLeast(config, Keys.MAX_REQUEST_LINE, DEFAULT_MAX_REQUEST_LINE, 256),
                atLeast(config, Keys.MAX_HEADER_SIZE, DEFAULT_MAX_HEADER_SIZE, 1024));
    }

    private static FormRules forms(final PixelgateConfig config) {
        return new FormRules(positive(config, Keys.FORM_MAX_AGE, DEFAULT_FORM_MAX_AGE),
                atLeastOne(config, Keys.RATE_LIMIT, DEFAULT_RATE_LIMIT),
                positive(config, Keys.RATE_WINDOW, DEFAULT_RATE_WINDOW),
                positive(config, Keys.WITHDRAWAL_WINDOW, DEFAULT_WITHDRAWAL_WINDOW),
                atLeastOne(config, Keys.REMEMBERED_PROFILES, DEFAULT_REMEMBERED_PROFILES));
    }

    private static int atLeastOne(final PixelgateConfig config, final String key, final int fallback) {
        return atLeast(config, key, fallback, 1);
    }

    private static int atLeast(final PixelgateConfig config, final String key, final int fallback, final int least) {
        final int value = config.integer(key, fallback);
        if (value < least) {
            throw new ConfigException(key, "must be at least " + least + ", got " + value);
        }
        return value;
    }

    private static long bytes(final PixelgateConfig config, final String key, final long fallback) {
        final String text = config.string(key, Long.toString(fallback)).trim();
        try {
            final long value = Long.parseLong(text);
            if (value >= 1024) {
                return value;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, "must be a number of bytes, at least 1024, got '" + text + "'");
    }

    private static Duration positive(final PixelgateConfig config, final String key, final Duration fallback) {
        final Duration value = config.duration(key, fallback);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(key, "must be a positive duration such as " + fallback + ", got " + value);
        }
        return value;
    }

    private static TokenKeys tokenKeys(final PixelgateConfig config) {
        final String keys = config.string(PixelgateConfig.Keys.TOKEN_KEYS, null);
        if (keys == null) {
            throw new ConfigException(PixelgateConfig.Keys.TOKEN_KEYS, "is required: the edge opens the tokens the "
                    + "send-enricher issues, so give it the same key ring (k1:BASE64KEY,...; PIXELGATE_TOKEN_KEYS)");
        }
        try {
            return TokenKeys.parse(keys);
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(PixelgateConfig.Keys.TOKEN_KEYS, "is invalid: " + e.getMessage());
        }
    }

    private static URI publicUrl(final PixelgateConfig config) {
        final String text = config.string(Keys.PUBLIC_URL, DEFAULT_PUBLIC_URL);
        try {
            final URI uri = new URI(text);
            final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (final URISyntaxException e) {
            // reported below
        }
        throw new ConfigException(Keys.PUBLIC_URL, "must be an http(s) URL such as https://t.example.org, got '"
                + text + "'");
    }

    private static List<Cidr> cidrs(final String text) {
        final List<Cidr> ranges = new ArrayList<>();
        for (final String item : items(text)) {
            try {
                ranges.add(Cidr.parse(item));
            } catch (final IllegalArgumentException e) {
                throw new ConfigException(Keys.TRUSTED_PROXIES, "has a bad entry: " + e.getMessage()
                        + " (expected CIDR ranges separated by commas, or " + NONE + ")");
            }
        }
        return ranges;
    }

    /** The listed networks, then those of each published list file. */
    private static List<Network> networks(final PixelgateConfig config) {
        final List<Network> networks = networks(config.string(Keys.NETWORKS, DEFAULT_NETWORKS));
        for (final String item : items(config.string(Keys.NETWORK_FILES, NONE))) {
            final int equals = item.indexOf('=');
            if (equals < 1) {
                throw new ConfigException(Keys.NETWORK_FILES, "has a bad entry '" + item
                        + "' (expected label=path pairs separated by commas, e.g. apple-private-relay=/etc/egress-ip-ranges.csv)");
            }
            final Path file = Path.of(item.substring(equals + 1).trim());
            try {
                networks.addAll(NetworkLists.read(item.substring(0, equals).trim(), file));
            } catch (final IOException | IllegalArgumentException e) {
                throw new ConfigException(Keys.NETWORK_FILES, "cannot be read from " + file + ": " + e.getMessage());
            }
        }
        return networks;
    }

    private static List<Network> networks(final String text) {
        final List<Network> networks = new ArrayList<>();
        for (final String item : items(text)) {
            final int equals = item.indexOf('=');
            try {
                if (equals < 0) {
                    throw new IllegalArgumentException("'" + item + "' has no '='");
                }
                networks.add(new Network(item.substring(0, equals).trim(), Cidr.parse(item.substring(equals + 1))));
            } catch (final IllegalArgumentException e) {
                throw new ConfigException(Keys.NETWORKS, "has a bad entry: " + e.getMessage()
                        + " (expected label=cidr pairs separated by commas, e.g. apple-mpp=17.0.0.0/8, or " + NONE + ")");
            }
        }
        return networks;
    }

    private static String wordingName(final PixelgateConfig config) {
        final String name = config.string(Keys.WORDING, DEFAULT_WORDING);
        if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new ConfigException(Keys.WORDING, "must be a wording name such as " + DEFAULT_WORDING
                    + " (a-z 0-9 -), got '" + name + "'");
        }
        return name;
    }

    private static List<String> languages(final PixelgateConfig config) {
        final List<String> languages = items(config.string(Keys.WORDING_LANGUAGES, DEFAULT_WORDING_LANGUAGES));
        if (languages.isEmpty() || !languages.stream().allMatch(language -> language.matches("[a-z]{2}"))) {
            throw new ConfigException(Keys.WORDING_LANGUAGES, "must list two-letter language codes, the default "
                    + "first, e.g. " + DEFAULT_WORDING_LANGUAGES);
        }
        return languages;
    }

    private static List<String> items(final String text) {
        if (text.trim().equalsIgnoreCase(NONE)) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
