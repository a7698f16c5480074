package io.pixelgate.demo;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as typed on a command line: {@code 5m}, {@code 90s}, {@code 1h30m}, or ISO-8601 {@code PT5M}. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {
    }

    /**
     * Parses {@code text}; a bare number is seconds.
     *
     * @throws IllegalArgumentException naming the forms accepted
     */
    public static Duration parse(final String text) {
        final String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.startsWith("p")) {
            try {
                return positive(Duration.parse(trimmed.toUpperCase(Locale.ROOT)), text);
            } catch (final DateTimeParseException e) {
                throw invalid(text);
            }
        }
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
            return positive(Duration.ofSeconds(Long.parseLong(trimmed)), text);
        }
        final Matcher matcher = SHORT.matcher(trimmed);
        if (trimmed.isEmpty() || !matcher.matches()) {
            throw invalid(text);
        }
        final Duration parsed = Duration.ofHours(number(matcher.group(1))).plusMinutes(number(matcher.group(2)))
                .plusSeconds(number(matcher.group(3)));
        return positive(parsed, text);
    }

    /** {@code 1:05:09} or {@code 5:09}: how a running clock is shown. */
    public static String clock(final Duration duration) {
        final long seconds = Math.max(0, duration.toSeconds());
        final long hours = seconds / 3600;
        return hours > 0 ? String.format("%d:%02d:%02d", hours, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    private static long number(final String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static Duration positive(final Duration duration, final String text) {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("the duration must be positive, got '" + text + "'");
        }
        return duration;
    }

    private static IllegalArgumentException invalid(final String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 90s, 5m, 1h30m or PT5M");
    }
}
