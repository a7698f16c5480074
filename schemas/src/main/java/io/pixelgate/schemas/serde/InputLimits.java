package io.pixelgate.schemas.serde;

import java.time.Duration;
import java.time.Instant;

/**
 * How large and how odd an input record may be (SPEC.md section 5). Every value read from a topic
 * users write is checked against these before anything is done with it; the reason of a refusal
 * names the field, the limit and the setting that sets it.
 *
 * <p>Which limit a string field gets is declared in its schema: {@code "pixelgate.limit": "id"} for
 * identifiers, {@code "html"} for html bodies, {@code "token"} for tokens, free text otherwise. A timestamp field declared
 * {@code "pixelgate.time": "event"} is an event time: it may be at most {@code maxClockSkew} ahead of
 * when the cluster received the record. Every timestamp must be at or after {@code minEventTime}.
 *
 * @param maxValueBytes      {@code input.max.value.bytes}: a larger value is refused unread
 * @param maxKeyBytes        {@code input.max.key.bytes}: a larger key is refused
 * @param maxIdChars         {@code input.max.id.chars}: identifiers (ids, source, wording version)
 * @param maxTextChars       {@code input.max.text.chars}: free text (email, user agent, evidence, URLs)
 * @param maxHtmlBytes       {@code input.max.html.bytes}: an html body, in UTF-8 bytes
 * @param maxCollectionItems {@code input.max.collection.items}: items of any array or map
 * @param maxClockSkew       {@code input.max.clock.skew}: how far ahead of its arrival an event time may be
 * @param minEventTime       {@code input.min.event.time}: the oldest timestamp accepted
 */
public record InputLimits(int maxValueBytes, int maxKeyBytes, int maxIdChars, int maxTextChars, int maxHtmlBytes,
                          int maxCollectionItems, Duration maxClockSkew, Instant minEventTime) {

    public static final String MAX_VALUE_BYTES = "input.max.value.bytes";
    public static final String MAX_KEY_BYTES = "input.max.key.bytes";
    public static final String MAX_ID_CHARS = "input.max.id.chars";
    public static final String MAX_TEXT_CHARS = "input.max.text.chars";
    public static final String MAX_HTML_BYTES = "input.max.html.bytes";
    public static final String MAX_COLLECTION_ITEMS = "input.max.collection.items";
    public static final String MAX_CLOCK_SKEW = "input.max.clock.skew";
    public static final String MIN_EVENT_TIME = "input.min.event.time";

    /** The longest token a field declared {@code "pixelgate.limit": "token"} may hold: the longest the codec issues. */
    public static final int MAX_TOKEN_CHARS = 4096;

    /** The latest timestamp any field may hold: past it, an instant no longer fits Avro's millis. */
    public static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    /** The defaults documented in the README. */
    public static InputLimits defaults() {
        return new InputLimits(1024 * 1024, 1024, 128, 2048, 512 * 1024, 100, Duration.ofMinutes(15),
                Instant.parse("2000-01-01T00:00:00Z"));
    }
}
