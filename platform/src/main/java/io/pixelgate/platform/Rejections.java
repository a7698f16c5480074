package io.pixelgate.platform;

import io.pixelgate.events.RejectedRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Records for the rejected topic: the input as it was read (cut to a bounded size, so that a
 * rejection is never itself too large to write), where it was read, and why it cannot be used.
 *
 * <p>An input that is refused only after a repartition (its outputs would be too large, say) is
 * read from the repartition topic by then. {@link Inputs} stamps such records with a
 * {@link #SOURCE_HEADER} before the repartition, so that the rejection still names the topic,
 * partition, offset and key the user wrote it to.
 */
public final class Rejections {

    /** Raw values kept on the rejected topic are cut to this size; rawSize tells the original. */
    public static final int MAX_RAW_VALUE_BYTES = 64 * 1024;
    /** Reasons are cut to this many characters. */
    public static final int MAX_REASON_CHARS = 2000;
    /** Keys of rejected records are cut to this many characters (an oversized key is itself a reason). */
    public static final int MAX_KEY_CHARS = 1024;
    /** Header naming where a repartitioned input was first read: topic, partition, offset and key. */
    public static final String SOURCE_HEADER = "pixelgate.source";

    private Rejections() {
    }

    /** A rejected-topic record for a value read at {@code topic}/{@code partition}/{@code offset}. */
    public static RejectedRecord rejection(final String topic, final int partition, final long offset,
                                           final byte[] rawValue, final String reason, final Instant at) {
        final byte[] kept = rawValue == null ? null
                : rawValue.length <= MAX_RAW_VALUE_BYTES ? rawValue : Arrays.copyOf(rawValue, MAX_RAW_VALUE_BYTES);
        return RejectedRecord.newBuilder()
                .setSourceTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setReason(cut(reason, MAX_REASON_CHARS))
                .setRawValue(kept == null ? null : ByteBuffer.wrap(kept))
                .setRawSize(rawValue == null ? 0 : rawValue.length)
                .setRejectedAt(at)
                .build();
    }

    /** The key to write a rejection under: the original key, cut to {@link #MAX_KEY_CHARS}. */
    public static String key(final String original) {
        return original == null ? null : cut(original, MAX_KEY_CHARS);
    }

    /** {@link #key(String)} for a key read as bytes. */
    public static byte[] key(final byte[] original) {
        if (original == null || original.length <= MAX_KEY_CHARS) {
            return original;
        }
        return key(new String(original, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private static String cut(final String text, final int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** Where an input was first read, as carried in the {@link #SOURCE_HEADER}. */
    public record Source(String topic, int partition, long offset, String key) {

        /** The header value: the four parts separated by NUL. */
        public byte[] toHeader() {
            return (topic + '\u0000' + partition + '\u0000' + offset + '\u0000' + (key == null ? "" : key))
                    .getBytes(StandardCharsets.UTF_8);
        }

        /** The source named in {@code headers}, or null when there is none (or it cannot be read). */
        public static Source of(final Headers headers) {
            final Header header = headers == null ? null : headers.lastHeader(SOURCE_HEADER);
            if (header == null || header.value() == null) {
                return null;
            }
            final String[] parts = new String(header.value(), StandardCharsets.UTF_8).split("\u0000", 4);
            if (parts.length < 3) {
                return null;
            }
            try {
                return new Source(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]),
                        parts.length == 4 && !parts[3].isEmpty() ? parts[3] : null);
            } catch (final NumberFormatException e) {
                return null;
            }
        }
    }
}
