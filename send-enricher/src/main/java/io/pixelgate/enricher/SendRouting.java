package io.pixelgate.enricher;

import io.pixelgate.events.SendRequest;
import io.pixelgate.platform.KeyPartitions;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Chooses each send's {@link SendRoute}. The consent join looks the send's key up in the task's
 * part of consent-state, so a send may skip the shuffle only when its key is its own profileId and
 * it was read from the partition that key maps to: the partition consent-state keeps that profile
 * in (both topics have {@code partitions} partitions, and the producers of consent-state and of the
 * repartition topic place a key as {@link #partitionOf} does). Any other send, a send keyed by
 * messageId or placed by a producer with another partitioner, is shuffled, so it can never meet
 * another profile's consent.
 */
final class SendRouting implements FixedKeyProcessor<String, SendRequest, SendRouting.Routed> {

    /** A send and the route it takes. */
    record Routed(SendRequest send, SendRoute route) {
    }

    private final int partitions;
    private final Consumer<SendRoute> routed;
    private FixedKeyProcessorContext<String, Routed> context;

    SendRouting(final int partitions, final Consumer<SendRoute> routed) {
        this.partitions = partitions;
        this.routed = routed;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, Routed> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<String, SendRequest> record) {
        final SendRoute route = inPlace(record) ? SendRoute.IN_PLACE : SendRoute.SHUFFLED;
        routed.accept(route);
        context.forward(record.withValue(new Routed(record.value(), route)));
    }

    private boolean inPlace(final FixedKeyRecord<String, SendRequest> record) {
        final String key = record.key();
        return key != null && key.equals(record.value().getProfileId())
                && context.recordMetadata().map(RecordMetadata::partition).orElse(-1) == partitionOf(key, partitions);
    }

    /**
     * The partition of {@code key} among {@code partitions}, as the Java producer's default
     * partitioner places a keyed record (murmur2 of the UTF-8 key, {@code BuiltInPartitioner}),
     * which is how consent-events writes consent-state and Streams writes its repartition topics.
     */
    static int partitionOf(final String key, final int partitions) {
        return KeyPartitions.partitionOf(key, partitions);
    }
}
