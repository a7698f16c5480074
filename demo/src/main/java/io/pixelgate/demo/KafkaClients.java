package io.pixelgate.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The plain Kafka clients the simulator uses, as any producer or reader of Pixelgate's topics would. */
final class KafkaClients {

    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

    private KafkaClients() {
    }

    /** An idempotent producer of raw values (framed Avro made by the topic's serde). */
    static KafkaProducer<String, byte[]> producer(final String bootstrap, final String clientId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A consumer with no group (partitions are assigned by hand) that reads only committed records:
     * the applications write with exactly-once transactions.
     */
    static KafkaConsumer<String, byte[]> committedReader(final String bootstrap, final String clientId) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Every partition of {@code topics}. */
    static List<TopicPartition> partitions(final KafkaConsumer<?, ?> consumer, final List<String> topics) {
        return topics.stream()
                .flatMap(topic -> consumer.partitionsFor(topic, METADATA_WAIT).stream()
                        .map(info -> new TopicPartition(topic, info.partition())))
                .toList();
    }
}
