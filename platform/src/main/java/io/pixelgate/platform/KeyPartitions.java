package io.pixelgate.platform;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a record key lands: the partition the Java producer's default partitioner (murmur2 of the
 * key's bytes) gives it. The send-enricher's in-place route and the proof reader both need to know
 * it without producing anything.
 */
public final class KeyPartitions {

    private KeyPartitions() {
    }

    /** The partition of {@code key} in a topic of {@code partitions} partitions. */
    public static int partitionOf(final String key, final int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
