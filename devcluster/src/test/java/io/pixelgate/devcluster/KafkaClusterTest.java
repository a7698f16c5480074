package io.pixelgate.devcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers in child processes: replicated topics, a broker killed with SIGKILL while a producer
 * and a consumer go on, and the broker back on its data: nothing acknowledged is lost or doubled.
 */
class KafkaClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TOPIC = "events";

    @Test
    void threeBrokersKeepProducingAndConsumingThroughTheKillOfOneAndTakeItBack(@TempDir final Path dataDir)
            throws Exception {
        try (KafkaCluster cluster = KafkaCluster.start(3, 0, dataDir, WAIT);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            // given a topic replicated on the three brokers
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3))).all().get(30, TimeUnit.SECONDS);
            final TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(TOPIC);
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);

            final Traffic traffic = new Traffic(cluster.bootstrapServers());
            traffic.start();
            try {
                await(() -> traffic.acked.size() >= 200, "200 records acknowledged before the kill");

                // when one broker is killed with SIGKILL while records flow
                final long pid = cluster.pid(2);
                cluster.kill(2);
                assertThat(cluster.isAlive(2)).isFalse();
                assertThat(ProcessHandle.of(pid)).isEmpty();
                final int ackedAtKill = traffic.acked.size();

                // then the two others go on taking and serving records
                await(() -> traffic.acked.size() >= ackedAtKill + 300, "300 more acknowledged with a broker down");
                await(() -> traffic.consumed.size() >= ackedAtKill, "records read with a broker down");

                // and the broker comes back on its data and catches up
                cluster.restart(2, WAIT);
                final Duration caughtUp = cluster.awaitInSync(WAIT);
                assertThat(caughtUp).isLessThan(WAIT);
                final int ackedAtRestart = traffic.acked.size();
                await(() -> traffic.acked.size() >= ackedAtRestart + 100, "100 more acknowledged after the restart");
            } finally {
                traffic.stop();
            }
            // and every acknowledged record was read exactly once
            await(() -> traffic.consumed.size() >= traffic.acked.size(), "every acknowledged record read");
            assertThat(traffic.failures).as("sends that failed").isEmpty();
            assertThat(traffic.consumedInOrder).doesNotHaveDuplicates();
            assertThat(traffic.consumed).containsAll(traffic.acked);
        }
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    /** One idempotent producer and one read_committed consumer, each on a thread of its own. */
    private static final class Traffic {

        private final String bootstrap;
        private final Set<String> acked = ConcurrentHashMap.newKeySet();
        private final Set<String> consumed = ConcurrentHashMap.newKeySet();
        private final List<String> consumedInOrder = Collections.synchronizedList(new ArrayList<>());
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean producing = new AtomicBoolean(true);
        private final AtomicBoolean consuming = new AtomicBoolean(true);
        private final Thread producer = new Thread(this::produce, "test-producer");
        private final Thread consumer = new Thread(this::consume, "test-consumer");

        Traffic(final String bootstrap) {
            this.bootstrap = bootstrap;
        }

        void start() {
            producer.start();
            consumer.start();
        }

        void stop() throws InterruptedException {
            producing.set(false);
            producer.join();
            // the consumer stops once it read everything acknowledged, or the await above fails first
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumed.size() < acked.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            consuming.set(false);
            consumer.join();
        }

        private void produce() {
            try (KafkaProducer<String, String> out = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                    ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; producing.get(); i++) {
                    final String value = "r-" + i;
                    out.send(new ProducerRecord<>(TOPIC, "k-" + (i % 30), value), (metadata, error) -> {
                        if (error == null) {
                            acked.add(value);
                        } else {
                            failures.add(value + ": " + error);
                        }
                    });
                    Thread.sleep(2);
                }
                out.flush();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void consume() {
            try (KafkaConsumer<String, String> in = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                    new StringDeserializer())) {
                in.subscribe(List.of(TOPIC));
                while (consuming.get()) {
                    for (final ConsumerRecord<String, String> record : in.poll(Duration.ofMillis(200))) {
                        consumed.add(record.value());
                        consumedInOrder.add(record.value());
                    }
                }
            }
        }
    }
}
