package io.pixelgate.platform;

import io.pixelgate.platform.PixelgateConfig.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting, declared once: its key, its default, what it means, how its text is read and what
 * values it allows (after Debezium's {@code Field}). Each application gathers its settings in one
 * list ({@code PixelgateApplication.settings()}); the README's settings tables are checked against
 * those lists, so a key, its default and its doc cannot drift apart.
 *
 * <p>The default is kept as the text a user would write, so that the README shows exactly what
 * the code parses; a setting without a default is required.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {

    private final String key;
    private final String defaultText;
    private final String doc;
    private final Function<String, T> parser;
    private final String typeRule;
    private final Predicate<T> check;
    private final String checkRule;
    private final boolean secret;
    private final String documentedDefault;

    private Setting(final String key, final String defaultText, final String doc, final Function<String, T> parser,
                    final String typeRule, final Predicate<T> check, final String checkRule, final boolean secret,
                    final String documentedDefault) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultText = defaultText;
        this.doc = Objects.requireNonNull(doc, "doc");
        this.parser = parser;
        this.typeRule = typeRule;
        this.check = check;
        this.checkRule = checkRule;
        this.secret = secret;
        this.documentedDefault = documentedDefault;
    }

    /**
     * A setting read by {@code parser}, which throws {@link IllegalArgumentException} for text it
     * refuses; the message then names the key and {@code typeRule}, and the parser's own message
     * when it gives one.
     *
     * @param defaultText the default as a user would write it, or null when the setting is required
     */
    public static <T> Setting<T> of(final String key, final String defaultText, final String doc,
                                    final String typeRule, final Function<String, T> parser) {
        return new Setting<>(key, defaultText, doc, parser, typeRule, value -> true, null, false, null);
    }

    public static Setting<String> text(final String key, final String defaultValue, final String doc) {
        return of(key, defaultValue, doc, "must be text", Function.identity());
    }

    public static Setting<Integer> integer(final String key, final int defaultValue, final String doc) {
        return of(key, Integer.toString(defaultValue), doc, "must be a whole number", Integer::parseInt);
    }

    public static Setting<Double> decimal(final String key, final double defaultValue, final String doc) {
        return of(key, Double.toString(defaultValue), doc, "must be a number", Double::parseDouble);
    }

    public static Setting<Boolean> bool(final String key, final boolean defaultValue, final String doc) {
        return of(key, Boolean.toString(defaultValue), doc, "must be true or false", text -> {
            if (!"true".equalsIgnoreCase(text) && !"false".equalsIgnoreCase(text)) {
                throw new IllegalArgumentException(text);
            }
            return Boolean.parseBoolean(text);
        });
    }

    /** An ISO-8601 duration such as {@code PT5S} or {@code P3D}, or a number of milliseconds. */
    public static Setting<Duration> duration(final String key, final Duration defaultValue, final String doc) {
        return of(key, defaultValue == null ? null : written(defaultValue), doc,
                "must be an ISO-8601 duration such as PT5S or P3D, or milliseconds", Setting::parseDuration);
    }

    /** An ISO-8601 instant such as {@code 2000-01-01T00:00:00Z}. */
    public static Setting<Instant> instant(final String key, final Instant defaultValue, final String doc) {
        return of(key, defaultValue.toString(), doc, "must be an ISO-8601 instant such as 2000-01-01T00:00:00Z",
                Instant::parse);
    }

    /** Comma-separated items, trimmed, empty ones dropped; {@code none} is the empty list. */
    public static Setting<List<String>> list(final String key, final String defaultText, final String doc) {
        return of(key, defaultText, doc, "must be a comma-separated list", Setting::items);
    }

    /** The items of a comma-separated list, trimmed, empty ones dropped; {@code none} is no item. */
    public static List<String> items(final String text) {
        if (text.isBlank() || "none".equalsIgnoreCase(text.trim())) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** A duration as a person writes it: {@code P3D} rather than {@code PT72H}. */
    private static String written(final Duration duration) {
        final long days = duration.toDays();
        return days > 0 && duration.equals(Duration.ofDays(days)) ? "P" + days + "D" : duration.toString();
    }

    private static Duration parseDuration(final String text) {
        return text.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text);
    }

    /** This setting, refusing values {@code ok} refuses, with a message saying {@code rule}. */
    public Setting<T> check(final Predicate<T> ok, final String rule) {
        final Predicate<T> both = value -> check.test(value) && ok.test(value);
        return new Setting<>(key, defaultText, doc, parser, typeRule, both,
                checkRule == null ? rule : checkRule + " and " + rule, secret, documentedDefault);
    }

    /** This setting, whose value never appears in a message (a key ring, a password). */
    public Setting<T> secret() {
        return new Setting<>(key, defaultText, doc, parser, typeRule, check, checkRule, true, documentedDefault);
    }

    /**
     * This setting, its default shown in the docs as {@code shown} (a default that depends on the
     * machine, such as a temporary directory, or one too long for a table).
     */
    public Setting<T> documentedAs(final String shown) {
        return new Setting<>(key, defaultText, doc, parser, typeRule, check, checkRule, secret, shown);
    }

    /** This setting, refusing values outside {@code [min, max]} with a message naming both. */
    @SuppressWarnings("unchecked")
    public Setting<T> between(final T min, final T max) {
        return check(value -> ((Comparable<T>) value).compareTo(min) >= 0 && ((Comparable<T>) value).compareTo(max) <= 0,
                "must be between " + min + " and " + max);
    }

    /** A duration setting, refusing zero and negative durations. */
    public Setting<T> positive() {
        return check(value -> !((Duration) value).isNegative() && !((Duration) value).isZero(),
                "must be a positive duration");
    }

    public String key() {
        return key;
    }

    /** The default as a user would write it, null when the setting is required. */
    public String defaultText() {
        return defaultText;
    }

    /** The default as the README's settings tables show it: what a user would write, or {@code (required)}. */
    public String documentedDefault() {
        return documentedDefault != null ? documentedDefault : defaultText == null ? "(required)" : defaultText;
    }

    public boolean required() {
        return defaultText == null;
    }

    public String doc() {
        return doc;
    }

    /** The environment variable that sets it, e.g. {@code PIXELGATE_TOPIC_PREFIX}. */
    public String variable() {
        return PixelgateConfig.variableOf(key);
    }

    /** The default's value. */
    public T defaultValue() {
        if (defaultText == null) {
            throw new IllegalStateException(key + " has no default");
        }
        return parser.apply(defaultText);
    }

    /** The value in {@code config}, or the default when unset or blank; a bad value fails naming the key. */
    public T from(final PixelgateConfig config) {
        final String text = config.string(key, null);
        if (text == null) {
            if (defaultText == null) {
                throw new ConfigException(key, "is required but not set (flag, properties file or " + variable() + ")");
            }
            return defaultValue();
        }
        final T value;
        try {
            value = parser.apply(text.trim());
        } catch (final RuntimeException e) {
            // a custom parser explains itself; the JDK's number and time parsers only repeat the text
            final String detail = e.getClass() != IllegalArgumentException.class || e.getMessage() == null
                    || e.getMessage().equals(text.trim()) ? "" : ": " + e.getMessage();
            throw new ConfigException(key, typeRule + got(text) + detail);
        }
        if (!check.test(value)) {
            throw new ConfigException(key, checkRule + got(text));
        }
        return value;
    }

    private String got(final String text) {
        return secret ? "" : ", got '" + text + "'";
    }

    @Override
    public String toString() {
        return key;
    }
}
