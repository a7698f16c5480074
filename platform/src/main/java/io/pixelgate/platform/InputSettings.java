package io.pixelgate.platform;

import io.pixelgate.schemas.serde.InputLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The limits every application applies to what it reads (SPEC.md section 5), as settings. */
public final class InputSettings {

    private static final InputLimits DEFAULTS = InputLimits.defaults();

    public static final Setting<Integer> MAX_VALUE_BYTES = Setting.integer(InputLimits.MAX_VALUE_BYTES,
                    DEFAULTS.maxValueBytes(), "larger input values are rejected unread")
            .between(1024, 3 * 1024 * 1024);
    public static final Setting<Integer> MAX_KEY_BYTES = Setting.integer(InputLimits.MAX_KEY_BYTES,
                    DEFAULTS.maxKeyBytes(), "larger record keys are rejected")
            .between(16, 64 * 1024);
    public static final Setting<Integer> MAX_ID_CHARS = Setting.integer(InputLimits.MAX_ID_CHARS,
                    DEFAULTS.maxIdChars(), "longest identifier (eventId, profileId, messageId, campaignId, variant, "
                            + "projectId, source, wordingVersion, hitId, network)")
            .between(8, 1024);
    public static final Setting<Integer> MAX_TEXT_CHARS = Setting.integer(InputLimits.MAX_TEXT_CHARS,
                    DEFAULTS.maxTextChars(), "longest free-text field (email, evidence, user agent, token, URLs)")
            .between(64, 64 * 1024);
    public static final Setting<Integer> MAX_HTML_BYTES = Setting.integer(InputLimits.MAX_HTML_BYTES,
                    DEFAULTS.maxHtmlBytes(), "largest html body of a send request, in UTF-8 bytes")
            .between(1024, 2 * 1024 * 1024);
    public static final Setting<Integer> MAX_COLLECTION_ITEMS = Setting.integer(InputLimits.MAX_COLLECTION_ITEMS,
                    DEFAULTS.maxCollectionItems(), "most items in any array or map of an input value")
            .between(1, 100_000);
    public static final Setting<Duration> MAX_CLOCK_SKEW = Setting.duration(InputLimits.MAX_CLOCK_SKEW,
                    DEFAULTS.maxClockSkew(), "how far ahead of its arrival an event time (occurredAt, requestedAt, "
                            + "receivedAt) may be; the broker refuses records stamped over an hour ahead")
            .between(Duration.ZERO, Duration.ofMinutes(55));
    public static final Setting<Instant> MIN_EVENT_TIME = Setting.instant(InputLimits.MIN_EVENT_TIME,
                    DEFAULTS.minEventTime(), "the oldest timestamp accepted in any input field")
            .between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));

    /** Every input limit setting, in the README's order. */
    public static final List<Setting<?>> ALL = List.of(MAX_VALUE_BYTES, MAX_KEY_BYTES, MAX_ID_CHARS, MAX_TEXT_CHARS,
            MAX_HTML_BYTES, MAX_COLLECTION_ITEMS, MAX_CLOCK_SKEW, MIN_EVENT_TIME);

    private InputSettings() {
    }

    /** The limits {@code config} sets; a malformed value fails naming its setting. */
    public static InputLimits limits(final PixelgateConfig config) {
        return new InputLimits(MAX_VALUE_BYTES.from(config), MAX_KEY_BYTES.from(config), MAX_ID_CHARS.from(config),
                MAX_TEXT_CHARS.from(config), MAX_HTML_BYTES.from(config), MAX_COLLECTION_ITEMS.from(config),
                MAX_CLOCK_SKEW.from(config), MIN_EVENT_TIME.from(config));
    }
}
