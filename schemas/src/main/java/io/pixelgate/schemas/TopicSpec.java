package io.pixelgate.schemas;

import java.util.Map;

/**
 * How a topic is created: cleanup policy and retention from SPEC.md section 2, and for inputs a
 * larger maximum message size so that an oversized value reaches the application and is rejected
 * with a reason instead of being refused to its producer without trace.
 *
 * @param cleanupPolicy {@code delete} or {@code compact}
 * @param retentionMs   retention for {@code delete} topics; -1 keeps forever
 * @param input         whether users write it (it then gets {@link #INPUT_MAX_MESSAGE_BYTES})
 */
public record TopicSpec(String cleanupPolicy, long retentionMs, boolean input) {

    public static final long DAY_MS = 24L * 60 * 60 * 1000;
    public static final int INPUT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    public static TopicSpec input(final long retentionMs) {
        return new TopicSpec("delete", retentionMs, true);
    }

    public static TopicSpec compactedInput() {
        return new TopicSpec("compact", -1, true);
    }

    public static TopicSpec output(final long retentionMs) {
        return new TopicSpec("delete", retentionMs, false);
    }

    public static TopicSpec compacted() {
        return new TopicSpec("compact", -1, false);
    }

    /** The topic-level configs to create the topic with. */
    public Map<String, String> configs() {
        final String retention = Long.toString(retentionMs);
        final String maxBytes = Integer.toString(INPUT_MAX_MESSAGE_BYTES);
        if ("compact".equals(cleanupPolicy)) {
            return input ? Map.of("cleanup.policy", "compact", "max.message.bytes", maxBytes)
                    : Map.of("cleanup.policy", "compact");
        }
        return input ? Map.of("cleanup.policy", "delete", "retention.ms", retention, "max.message.bytes", maxBytes)
                : Map.of("cleanup.policy", "delete", "retention.ms", retention);
    }
}
