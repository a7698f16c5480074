package io.pixelgate.platform;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Pixelgate's configuration, read in one place. Sources, later ones winning: built-in defaults, a
 * properties file, environment variables ({@code PIXELGATE_SCHEMA_REGISTRY_URL} is
 * {@code schema.registry.url}; see {@link #keyOfVariable}), then explicit values (command-line flags). Every key an application
 * reads is named in {@link Keys} or by an application's own settings record.
 */
public final class PixelgateConfig {

    /** Keys shared by every application. */
    public static final class Keys {
        public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
        public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
        public static final String TOPIC_PREFIX = "topic.prefix";
        public static final String TOPIC_PARTITIONS = "topic.partitions";
        public static final String TOPIC_REPLICATION_FACTOR = "topic.replication.factor";
        public static final String HITS_RETENTION = "topic.hits.retention";
        public static final String STATE_DIR = "state.dir";
        public static final String TOKEN_KEYS = "token.keys";
        /** Prefix of keys passed through to Kafka Streams as they are, e.g. streams.num.stream.threads. */
        public static final String STREAMS_PREFIX = "streams.";

        private Keys() {
        }
    }

    private static final String ENV_PREFIX = "PIXELGATE_";

    private final Map<String, String> values;
    /** Every key an application asked for, so a deployment can be checked for settings nobody reads. */
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    private PixelgateConfig(final Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The keys read so far through this object (prefix reads count for every key under the prefix). */
    public Set<String> askedKeys() {
        return Set.copyOf(asked);
    }

    private String raw(final String key) {
        asked.add(key);
        return values.get(key);
    }

    /** Defaults, then {@code file} when not null, then the environment, then {@code explicit}. */
    public static PixelgateConfig load(final Path file, final Map<String, String> env, final Map<String, String> explicit) {
        final Map<String, String> merged = new HashMap<>(defaults());
        if (file != null) {
            merged.putAll(readFile(file));
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                merged.put(keyOfVariable(name), value);
            }
        });
        merged.putAll(explicit);
        return new PixelgateConfig(merged);
    }

    /**
     * The setting an environment variable sets: the prefix dropped, lower case, {@code __} for a dash
     * and {@code _} for a dot ({@code PIXELGATE_AGGREGATOR_SCORE_HALF__LIFE} is
     * {@code aggregator.score.half-life}).
     */
    public static String keyOfVariable(final String name) {
        return name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace("__", "-").replace('_', '.');
    }

    /** The environment variable that sets {@code key}, the inverse of {@link #keyOfVariable}. */
    public static String variableOf(final String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace("-", "__").replace('.', '_');
    }

    /** Defaults overridden by {@code explicit}, ignoring files and environment (tests, embedded runs). */
    public static PixelgateConfig of(final Map<String, String> explicit) {
        return load(null, Map.of(), explicit);
    }

    /** A copy with {@code key} set to {@code value}. */
    public PixelgateConfig with(final String key, final String value) {
        final Map<String, String> copy = new HashMap<>(values);
        copy.put(key, value);
        return new PixelgateConfig(copy);
    }

    /** Default of {@link Keys#TOPIC_PARTITIONS}. */
    public static final int DEFAULT_TOPIC_PARTITIONS = 3;
    /** Default of {@link Keys#TOPIC_REPLICATION_FACTOR}. */
    public static final int DEFAULT_REPLICATION_FACTOR = 1;
    /** Default of {@link Keys#HITS_RETENTION}. */
    public static final Duration DEFAULT_HITS_RETENTION = Duration.ofDays(3);

    public static Map<String, String> defaults() {
        return Map.of(
                Keys.BOOTSTRAP_SERVERS, "localhost:9092",
                Keys.SCHEMA_REGISTRY_URL, "http://localhost:8081",
                Keys.TOPIC_PREFIX, "pixelgate.",
                Keys.TOPIC_PARTITIONS, Integer.toString(DEFAULT_TOPIC_PARTITIONS),
                Keys.TOPIC_REPLICATION_FACTOR, Integer.toString(DEFAULT_REPLICATION_FACTOR),
                Keys.HITS_RETENTION, DEFAULT_HITS_RETENTION.toString(),
                Keys.STATE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "pixelgate-state").toString());
    }

    public String string(final String key) {
        final String value = raw(key);
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "is required but not set (flag, properties file or "
                    + variableOf(key) + ")");
        }
        return value;
    }

    public String string(final String key, final String fallback) {
        final String value = raw(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    public int integer(final String key, final int fallback) {
        return parsed(key, fallback, Integer::parseInt, "must be a whole number");
    }

    public double decimal(final String key, final double fallback) {
        return parsed(key, fallback, Double::parseDouble, "must be a number");
    }

    public boolean bool(final String key, final boolean fallback) {
        return parsed(key, fallback, text -> {
            if (!"true".equalsIgnoreCase(text) && !"false".equalsIgnoreCase(text)) {
                throw new IllegalArgumentException(text);
            }
            return Boolean.parseBoolean(text);
        }, "must be true or false");
    }

    /** An ISO-8601 duration such as {@code PT5S} or {@code P3D}, or a number of milliseconds. */
    public Duration duration(final String key, final Duration fallback) {
        return parsed(key, fallback, text -> text.chars().allMatch(Character::isDigit)
                        ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text),
                "must be an ISO-8601 duration such as PT5S or P3D, or milliseconds");
    }

    /**
     * The setting, trimmed, read by {@code parser}; {@code fallback} when unset or blank; a value the
     * parser refuses is a {@link ConfigException} naming {@code rule}.
     */
    private <T> T parsed(final String key, final T fallback, final Function<String, T> parser, final String rule) {
        final String value = raw(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parser.apply(value.trim());
        } catch (final RuntimeException e) {
            throw new ConfigException(key, rule + ", got '" + value + "'");
        }
    }

    /** Every key under {@code prefix}, with the prefix removed. */
    public Map<String, String> withPrefix(final String prefix) {
        final Map<String, String> found = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                asked.add(key);
                found.put(key.substring(prefix.length()), value);
            }
        });
        return found;
    }

    public Map<String, String> asMap() {
        return values;
    }

    private static Map<String, String> readFile(final Path file) {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (final IOException e) {
            throw new ConfigException("--config", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        final Map<String, String> read = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> read.put(name, properties.getProperty(name)));
        return read;
    }

    /** A setting that is missing or malformed; the message names the setting. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(final String key, final String problem) {
            super("setting " + key + " " + problem);
        }
    }
}
