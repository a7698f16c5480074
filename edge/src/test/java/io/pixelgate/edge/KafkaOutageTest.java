package io.pixelgate.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.edge.EdgeMetrics.Endpoint;
import io.pixelgate.edge.kafka.DropReason;
import io.pixelgate.edge.kafka.RecordType;
import io.pixelgate.events.Hit;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.ops.AppHealth;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka stops and comes back while pixels are loaded: the edge keeps answering at once, buffers
 * the hits, and every hit it answered reaches Kafka, once. A broker of its own (not the shared
 * one), restarted on the same port with the same data directory.
 */
class KafkaOutageTest {

    private static final Duration BROKER_START = Duration.ofSeconds(60);
    private static final Duration OUTAGE = Duration.ofSeconds(6);

    @Test
    void everyHitAnsweredWhileKafkaIsDownReachesKafkaOnceItIsBack(@TempDir final Path dataDir) throws Exception {
        final int port = EmbeddedKafka.freePort();
        EmbeddedKafka kafka = EmbeddedKafka.start(port, dataDir, BROKER_START);
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        try (TestEdge edge = TestEdge.start(Map.of(CommonSettings.BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers(),
                CommonSettings.TOPIC_PARTITIONS.key(), "2",
                CommonSettings.TOPIC_PREFIX.key(), "outage."),
                settings -> PixelgateRuntime.with(PixelgateConfig.of(settings), registry))) {
            final LoadPixels load = new LoadPixels(edge);
            final Thread client = new Thread(load, "pixel-client");
            client.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> load.answered().size() >= 50);
                kafka.close();
                final long outageStarted = System.nanoTime();
                final int answeredBeforeOutage = load.answered().size();
                await().atMost(Duration.ofSeconds(15)).until(() -> edge.get("/health").statusCode() == 503);
                // the operations endpoint's view: alive (it answers every pixel), not ready
                assertThat(edge.server().health()).extracting(AppHealth::live, AppHealth::ready, AppHealth::state)
                        .containsExactly(true, false, "KAFKA_UNREACHABLE");
                await().atMost(Duration.ofSeconds(10)).until(() -> load.answered().size() >= answeredBeforeOutage + 100);
                assertThat(edge.server().buffered()).as("hits waiting for Kafka").isPositive();
                // down long enough that an answer waiting on Kafka would take seconds
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - outageStarted) / 1_000_000));

                kafka = EmbeddedKafka.start(port, dataDir, BROKER_START);
                final int answeredAtRestart = load.answered().size();
                await().atMost(Duration.ofSeconds(10)).until(() -> load.answered().size() >= answeredAtRestart + 50);
            } finally {
                load.stop();
                client.join();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> edge.server().buffered() == 0);

            final List<String> answered = load.answered();
            final List<String> inKafka = tokensIn(kafka.bootstrapServers(), edge.runtime().topics().openHits(), answered.size());
            assertThat(load.failures()).as("requests not answered 200").isZero();
            // a request that waited on Kafka would wait the whole outage; a loaded machine may still
            // pause a few hundred milliseconds (GC, the broker starting again in this JVM)
            assertThat(load.slowestMillis()).as("slowest answer, ms: never waiting on Kafka")
                    .isLessThan(OUTAGE.toMillis() / 2);
            assertThat(inKafka).as("hits in Kafka").hasSameSizeAs(answered)
                    .containsExactlyInAnyOrderElementsOf(answered);
            assertThat(edge.server().metrics().droppedCount(RecordType.OPEN_HIT, DropReason.OVERFLOW)).isZero();
            assertThat(edge.server().metrics().answeredCount(Endpoint.PIXEL)).isEqualTo(answered.size());
            assertThat(edge.get("/health").statusCode()).isEqualTo(200);
            assertThat(edge.server().health().ready()).isTrue();
        } finally {
            kafka.close();
        }
    }

    private static List<String> tokensIn(final String bootstrap, final Topic<Hit> topic, final int expected) {
        final List<ConsumerRecord<String, byte[]>> records = RawRecords.readUntil(bootstrap, topic.name(),
                read -> read.size() >= expected, Duration.ofSeconds(30));
        // a little longer, so that a duplicate would show
        final List<ConsumerRecord<String, byte[]>> settled = RawRecords.readUntil(bootstrap, topic.name(),
                read -> read.size() > records.size(), Duration.ofSeconds(2));
        return settled.stream().map(record -> topic.valueSerde().decode(record.value()).getToken()).toList();
    }

    /** Loads pixels one after another, each with its own token, until stopped. */
    private static final class LoadPixels implements Runnable {

        private final TestEdge edge;
        private final List<String> answered = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong failures = new AtomicLong();
        private final AtomicLong slowestNanos = new AtomicLong();

        LoadPixels(final TestEdge edge) {
            this.edge = edge;
        }

        @Override
        public void run() {
            int i = 0;
            while (running.get()) {
                final String token = edge.personalPixel("p-outage-" + (i++ % 7));
                final long started = System.nanoTime();
                final HttpResponse<byte[]> response = edge.get("/o/" + token + ".gif");
                slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
                if (response.statusCode() == 200) {
                    answered.add(token);
                } else {
                    failures.incrementAndGet();
                }
                pause();
            }
        }

        void stop() {
            running.set(false);
        }

        List<String> answered() {
            synchronized (answered) {
                return List.copyOf(answered);
            }
        }

        long failures() {
            return failures.get();
        }

        long slowestMillis() {
            return slowestNanos.get() / 1_000_000;
        }

        private static void pause() {
            try {
                Thread.sleep(5);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
