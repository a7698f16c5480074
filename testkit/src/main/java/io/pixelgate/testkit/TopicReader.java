package io.pixelgate.testkit;

import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.serde.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning with read_committed isolation, so that only what an
 * exactly-once application committed is seen. Values are decoded with the topic's serde, which
 * fetches the writer's schema from the registry by id; a null value (tombstone) stays null.
 */
public final class TopicReader<V extends SpecificRecord> {

    private final String bootstrapServers;
    private final Topic<V> topic;
    private final boolean skipUndecodable;

    TopicReader(final String bootstrapServers, final Topic<V> topic) {
        this(bootstrapServers, topic, false);
    }

    private TopicReader(final String bootstrapServers, final Topic<V> topic, final boolean skipUndecodable) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.skipUndecodable = skipUndecodable;
    }

    /** A reader that passes over values it cannot decode, for topics a test wrote garbage to on purpose. */
    public TopicReader<V> skippingUndecodable() {
        return new TopicReader<>(bootstrapServers, topic, true);
    }

    /** Every record read until {@code done} holds for the list read so far, or {@code timeout} passes. */
    public List<ConsumerRecord<String, V>> readUntil(final Predicate<List<ConsumerRecord<String, V>>> done,
                                                     final Duration timeout) {
        final List<ConsumerRecord<String, V>> read = new ArrayList<>();
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic.name()));
            while (!done.test(read) && System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, byte[]> raw : consumer.poll(Duration.ofMillis(200))) {
                    final V value;
                    try {
                        value = raw.value() == null ? null : topic.valueSerde().decode(raw.value());
                    } catch (final InvalidInputException undecodable) {
                        if (skipUndecodable) {
                            continue;
                        }
                        throw undecodable;
                    }
                    read.add(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
                            raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), raw.key(), value,
                            raw.headers(), raw.leaderEpoch()));
                }
            }
        }
        return read;
    }

    /** Reads until {@code count} records arrived or {@code timeout} passes. */
    public List<ConsumerRecord<String, V>> read(final int count, final Duration timeout) {
        return readUntil(list -> list.size() >= count, timeout);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
