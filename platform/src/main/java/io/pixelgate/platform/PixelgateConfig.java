package io.pixelgate.platform;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pixelgate's configuration: the text of every setting, from its sources, later ones winning: a
 * properties file, environment variables ({@code PIXELGATE_SCHEMA_REGISTRY_URL} is
 * {@code schema.registry.url}; see {@link #keyOfVariable}), then explicit values (command-line
 * flags). What a key means, its default and its rule are declared once, by its {@link Setting}
 * ({@link CommonSettings} and each application's own list); a setting reads its text from here.
 */
public final class PixelgateConfig {

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
        final Map<String, String> merged = new HashMap<>();
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

    /** The text of {@code key}, trimmed of nothing; {@code fallback} when unset or blank. Settings read through this. */
    public String string(final String key, final String fallback) {
        final String value = raw(key);
        return value == null || value.isBlank() ? fallback : value;
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
