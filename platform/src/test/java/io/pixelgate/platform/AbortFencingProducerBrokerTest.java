package io.pixelgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.devcluster.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producers {@link AbortFencingClientSupplier} gives Kafka Streams, on a real broker. */
class AbortFencingProducerBrokerTest {

    private static final String TOPIC = "guarded";
    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start(0, dir.resolve("kafka"), Duration.ofSeconds(60));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void afterAnAbortTheNextTransactionFailsAsFencedOnceThenTheProducerWorksAgain() {
        try (Producer<byte[], byte[]> producer = guardedProducer("guard-test")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "aborted".getBytes()));
            producer.abortTransaction();

            assertThatThrownBy(producer::beginTransaction).isInstanceOf(ProducerFencedException.class);

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "committed".getBytes()));
            producer.commitTransaction();
        }
        assertThat(committedValues()).containsExactly("committed");
    }

    @Test
    void aCommittedTransactionLeavesTheNextOneAlone() {
        try (Producer<byte[], byte[]> producer = guardedProducer("guard-test-2")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.commitTransaction();
            assertThatCode(producer::beginTransaction).doesNotThrowAnyException();
            producer.commitTransaction();
        }
    }

    private static Producer<byte[], byte[]> guardedProducer(final String transactionalId) {
        return new AbortFencingClientSupplier().getProducer(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId));
    }

    private static List<String> committedValues() {
        final Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
            final List<String> values = new ArrayList<>();
            final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(new String(r.value())));
            }
            return values;
        }
    }
}
