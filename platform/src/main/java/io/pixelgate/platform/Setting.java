package io.pixelgate.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting, declared once: its key, its default, what it means, how its text is read and what
 * values it allows (after Debezium's {@code Field}). Each application gathers its settings in one
 * list; the README's settings tables are checked against those lists.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {

    private final String key;
    private final T defaultValue;
    private final String doc;
    private final Function<String, T> parser;
    private final String typeRule;
    private final Predicate<T> check;
    private final String checkRule;

    private Setting(final String key, final T defaultValue, final String doc, final Function<String, T> parser,
                    final String typeRule, final Predicate<T> check, final String checkRule) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultValue = defaultValue;
        this.doc = Objects.requireNonNull(doc, "doc");
        this.parser = parser;
        this.typeRule = typeRule;
        this.check = check;
        this.checkRule = checkRule;
    }

    public static Setting<Integer> integer(final String key, final int defaultValue, final String doc) {
        return new Setting<>(key, defaultValue, doc, Integer::parseInt, "must be a whole number", v -> true, null);
    }

    /** An ISO-8601 duration such as {@code PT5S} or {@code P3D}, or a number of milliseconds. */
    public static Setting<Duration> duration(final String key, final Duration defaultValue, final String doc) {
        return new Setting<>(key, defaultValue, doc, text -> text.chars().allMatch(Character::isDigit)
                ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text),
                "must be an ISO-8601 duration such as PT5S or P3D, or milliseconds", v -> true, null);
    }

    /** An ISO-8601 instant such as {@code 2000-01-01T00:00:00Z}. */
    public static Setting<Instant> instant(final String key, final Instant defaultValue, final String doc) {
        return new Setting<>(key, defaultValue, doc, Instant::parse,
                "must be an ISO-8601 instant such as 2000-01-01T00:00:00Z", v -> true, null);
    }

    /** This setting, refusing values outside {@code [min, max]} with a message naming both. */
    public Setting<T> between(final T min, final T max) {
        @SuppressWarnings("unchecked")
        final Predicate<T> within = value -> ((Comparable<T>) value).compareTo(min) >= 0
                && ((Comparable<T>) value).compareTo(max) <= 0;
        return new Setting<>(key, defaultValue, doc, parser, typeRule, within,
                "must be between " + min + " and " + max);
    }

    public String key() {
        return key;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** The value in {@code config}, or the default when unset or blank. */
    public T from(final PixelgateConfig config) {
        final String text = config.string(key, null);
        if (text == null) {
            if (defaultValue == null) {
                throw new PixelgateConfig.ConfigException(key, "is required but not set (flag, properties file or "
                        + PixelgateConfig.variableOf(key) + ")");
            }
            return defaultValue;
        }
        final T value;
        try {
            value = parser.apply(text.trim());
        } catch (final RuntimeException e) {
            throw new PixelgateConfig.ConfigException(key, typeRule + ", got '" + text + "'");
        }
        if (!check.test(value)) {
            throw new PixelgateConfig.ConfigException(key, checkRule + ", got '" + text + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return key;
    }
}
