package io.pixelgate.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The buffer in front of Kafka: bounded, and every record it gives up is counted. */
class RecordPublisherTest {

    private final Topics topics = Topics.create("t.", 1000, new InMemorySchemaRegistry());
    private final Map<DropReason, AtomicInteger> dropped = new EnumMap<>(Map.of(
            DropReason.OVERFLOW, new AtomicInteger(), DropReason.SHUTDOWN, new AtomicInteger(),
            DropReason.ERROR, new AtomicInteger()));
    private final PublisherListener listener = new PublisherListener() {
        @Override
        public void sent(final RecordType type) {
        }

        @Override
        public void dropped(final RecordType type, final DropReason reason) {
            dropped.get(reason).incrementAndGet();
        }
    };

    @Test
    void whenKafkaIsUnreachableTheBufferFillsThenOverflowIsCountedAndShutdownToo() {
        // nothing listens on that port: records stay buffered
        final RecordPublisher publisher = RecordPublisher.start("localhost:" + EmbeddedKafka.freePort(), 3,
                Map.of("reconnect.backoff.max.ms", "200"), listener);
        try {
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                accepted += publisher.offer(RecordType.OPEN_HIT, topics.openHits(), "k", hit()) ? 1 : 0;
            }
            final CompletableFuture<Void> consent = publisher.offerAcknowledged(RecordType.CONSENT_CHANGE,
                    topics.openHits(), "k", hit());

            assertThat(accepted).isEqualTo(3);
            assertThat(publisher.buffered()).isEqualTo(3);
            assertThat(dropped.get(DropReason.OVERFLOW)).hasValue(8);
            assertThat(consent).isCompletedExceptionally();
            assertThat(consent).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(BufferFullException.class).withMessageContaining("edge.buffer.capacity");
        } finally {
            publisher.close(Duration.ofMillis(300));
        }
        assertThat(dropped.get(DropReason.SHUTDOWN)).hasValue(3);
        assertThat(publisher.buffered()).isZero();
    }

    private static Hit hit() {
        return new Hit("id", HitKind.OPEN, "token", Instant.EPOCH, null, null, null);
    }
}
