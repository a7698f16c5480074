package io.pixelgate.schemas;

import java.util.HashMap;
import java.util.Map;

/**
 * How a topic is created and read: cleanup policy and retention from SPEC.md section 2, who writes
 * it, and the largest record it takes.
 *
 * <ul>
 * <li>Topics users write ({@link Writer#USERS}) are created with a larger {@code max.message.bytes}
 *     than their values may have, so that an oversized value reaches the application and is
 *     rejected with a reason instead of being refused to its producer without trace; and with
 *     {@code message.timestamp.type=LogAppendTime}, so that a record's timestamp is when the cluster
 *     received it, which bounds how far ahead a producer's clock can place an event (SPEC.md section 1).
 *     Their values are checked field by field against the input limits.</li>
 * <li>The hit topics ({@link Writer#EDGE}) are written by the edge from what mail clients send:
 *     checked field by field too, stamped by the edge.</li>
 * <li>Output topics ({@link Writer#PIXELGATE}) are read by other Pixelgate applications only
 *     against their size.</li>
 * </ul>
 *
 * <p>Compacted topics roll and clean often enough that a value replaced or deleted (a tombstone) is
 * unreadable within {@link #PURGE_BOUND_MS}: a segment rolls at most {@link #COMPACT_SEGMENT_MS}
 * after its first record (when a later record arrives), and the cleaner then compacts it within
 * {@link #MAX_COMPACTION_LAG_MS}. Tombstones stay {@link #TOMBSTONE_RETENTION_MS}, so that readers
 * that were away for less than that see them.
 *
 * <p>Delete-policy topics that hold personal data in the clear ({@link #personal()}: inputs, hits,
 * tracked sends, rejected records) keep it for a time an erasure cannot shorten, so that time is the
 * bound of SPEC.md section 1 (one day by default, {@code topic.personal.retention}). Kafka deletes a
 * segment only once its newest record is older than {@code retention.ms}, so a record lives up to a
 * segment's span longer: such topics roll a segment every eighth of the bound ({@code segment.ms})
 * and keep the rest as {@code retention.ms}, and no record is left after the bound. Both are applied
 * to existing topics too, not only on creation.
 *
 * @param cleanupPolicy   {@code delete} or {@code compact}
 * @param retentionMs     for {@code delete} topics, how long a record is kept: -1 keeps forever; for
 *                        a personal topic, the most a record may stay (segment span included)
 * @param writer          who writes it
 * @param maxMessageBytes the topic's {@code max.message.bytes}
 * @param personal        whether it holds personal data in the clear, so that its retention bounds how
 *                        long erased data stays readable and is kept in line on existing topics
 */
public record TopicSpec(String cleanupPolicy, long retentionMs, Writer writer, int maxMessageBytes,
                        boolean personal) {

    /** Who writes a topic, which decides how it is created and how its values are checked. */
    public enum Writer {
        /** CRMs, send services, preference pages: external input. */
        USERS,
        /** The edge, from what mail clients send. */
        EDGE,
        /** A Pixelgate application. */
        PIXELGATE
    }

    public static final long HOUR_MS = 60L * 60 * 1000;
    public static final long DAY_MS = 24 * HOUR_MS;
    /** {@code max.message.bytes} of input topics: above the largest value accepted (1 MiB by default). */
    public static final int INPUT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** {@code max.message.bytes} of output topics, the broker's own default. */
    public static final int OUTPUT_MAX_MESSAGE_BYTES = 1024 * 1024;
    /** {@code max.message.bytes} of tracked-sends: any html within the input limit fits once rewritten. */
    public static final int TRACKED_SEND_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** {@code segment.ms} of compacted topics and changelogs. */
    public static final long COMPACT_SEGMENT_MS = 6 * HOUR_MS;
    /** {@code max.compaction.lag.ms} of compacted topics and changelogs. */
    public static final long MAX_COMPACTION_LAG_MS = 6 * HOUR_MS;
    /** {@code delete.retention.ms} of compacted topics and changelogs: how long a tombstone stays readable. */
    public static final long TOMBSTONE_RETENTION_MS = DAY_MS;
    /** How long after it was replaced or deleted a compacted value can still be read, at most. */
    public static final long PURGE_BOUND_MS = COMPACT_SEGMENT_MS + MAX_COMPACTION_LAG_MS;

    /** A topic users write, holding personal data for {@code retentionMs}. */
    public static TopicSpec input(final long retentionMs) {
        return new TopicSpec("delete", retentionMs, Writer.USERS, INPUT_MAX_MESSAGE_BYTES, true);
    }

    public static TopicSpec compactedInput() {
        return new TopicSpec("compact", -1, Writer.USERS, INPUT_MAX_MESSAGE_BYTES, false);
    }

    /** A hit topic, holding identifiers for {@code retentionMs}. */
    public static TopicSpec hits(final long retentionMs) {
        return new TopicSpec("delete", retentionMs, Writer.EDGE, INPUT_MAX_MESSAGE_BYTES, true);
    }

    /** An output that holds personal data in the clear, for {@code retentionMs}. */
    public static TopicSpec personalOutput(final long retentionMs) {
        return new TopicSpec("delete", retentionMs, Writer.PIXELGATE, OUTPUT_MAX_MESSAGE_BYTES, true);
    }

    /** An output kept forever: proof that holds no personal data in the clear (the sealed ledger, the purge-log). */
    public static TopicSpec proof() {
        return new TopicSpec("delete", -1, Writer.PIXELGATE, OUTPUT_MAX_MESSAGE_BYTES, false);
    }

    public static TopicSpec compacted() {
        return new TopicSpec("compact", -1, Writer.PIXELGATE, OUTPUT_MAX_MESSAGE_BYTES, false);
    }

    /** The same topic, taking records up to {@code bytes}. */
    public TopicSpec withMaxMessageBytes(final int bytes) {
        return new TopicSpec(cleanupPolicy, retentionMs, writer, bytes, personal);
    }

    public boolean compact() {
        return "compact".equals(cleanupPolicy);
    }

    /** Whether values are checked field by field against the input limits. */
    public boolean checked() {
        return writer != Writer.PIXELGATE;
    }

    /** The topic-level configs to create the topic with. */
    public Map<String, String> configs() {
        final Map<String, String> configs = new HashMap<>();
        configs.put("cleanup.policy", cleanupPolicy);
        configs.put("max.message.bytes", Integer.toString(maxMessageBytes));
        if (compact()) {
            configs.putAll(compactionConfigs());
        } else if (personal) {
            configs.putAll(boundedRetentionConfigs());
        } else {
            configs.put("retention.ms", Long.toString(retentionMs));
        }
        if (writer == Writer.USERS) {
            configs.put("message.timestamp.type", "LogAppendTime");
        }
        return Map.copyOf(configs);
    }

    /**
     * The segment and retention settings of a personal topic: a segment spans at most an eighth of
     * the bound, and is deleted once its newest record is older than the rest of it.
     */
    public Map<String, String> boundedRetentionConfigs() {
        final long segmentMs = Math.max(1, retentionMs / 8);
        return Map.of("segment.ms", Long.toString(segmentMs),
                "retention.ms", Long.toString(retentionMs - segmentMs));
    }

    /**
     * The configs of the changelog of a store that holds per-profile data: cleaned as the compacted
     * output topics are (use with {@code withLoggingEnabled}).
     */
    public static Map<String, String> changelogConfigs() {
        return compactionConfigs();
    }

    /** The segment and cleaner settings that bound how long a compacted-away value stays readable. */
    public static Map<String, String> compactionConfigs() {
        return Map.of("segment.ms", Long.toString(COMPACT_SEGMENT_MS),
                "max.compaction.lag.ms", Long.toString(MAX_COMPACTION_LAG_MS),
                "delete.retention.ms", Long.toString(TOMBSTONE_RETENTION_MS));
    }
}
