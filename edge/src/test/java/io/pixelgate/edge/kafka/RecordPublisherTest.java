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

/** The buffer in front of Kafka: bounded in records and bytes, a lane for consent changes, and every record it gives up is counted. */
class RecordPublisherTest {

    private final Topics topics = Topics.create("t.", 1000, new InMemorySchemaRegistry());
    private final Map<DropReason, AtomicInteger> dropped = new EnumMap<>(DropReason.class);
    private final PublisherListener listener = new PublisherListener() {
        @Override
        public void sent(final RecordType type) {
        }

        @Override
        public void dropped(final RecordType type, final DropReason reason) {
            dropped.get(reason).incrementAndGet();
        }
    };

    RecordPublisherTest() {
        for (final DropReason reason : DropReason.values()) {
            dropped.put(reason, new AtomicInteger());
        }
    }

    @Test
    void whenKafkaIsUnreachableTheBufferFillsThenOverflowIsCountedAndShutdownToo() {
        // nothing listens on that port: records stay buffered
        final RecordPublisher publisher = unreachable(limits(3, 1 << 20, 2));
        try {
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                accepted += publisher.offer(RecordType.OPEN_HIT, topics.openHits(), "k", hit("ua")) ? 1 : 0;
            }
            final CompletableFuture<Void> consent = publisher.offerAcknowledged(RecordType.CONSENT_CHANGE,
                    topics.openHits(), "k", hit("ua"));

            assertThat(accepted).isEqualTo(3);
            assertThat(publisher.buffered(Lane.HITS)).isEqualTo(3);
            assertThat(dropped.get(DropReason.OVERFLOW)).hasValue(7);
            assertThat(consent).as("a consent change is not refused because hits fill their lane").isNotDone();
            assertThat(publisher.buffered(Lane.CONSENT)).isEqualTo(1);
            assertThat(publisher.buffered()).isEqualTo(4);
        } finally {
            publisher.close(Duration.ofMillis(300));
        }
        assertThat(dropped.get(DropReason.SHUTDOWN)).hasValue(4);
        assertThat(publisher.buffered()).isZero();
        assertThat(publisher.bufferedBytes(Lane.HITS)).isZero();
    }

    @Test
    void theConsentLaneHasItsOwnBoundAndAFullOneFailsTheWaitingWriterAtOnce() {
        final RecordPublisher publisher = unreachable(limits(3, 1 << 20, 2));
        try {
            publisher.offerAcknowledged(RecordType.CONSENT_CHANGE, topics.openHits(), "k", hit("ua"));
            publisher.offerAcknowledged(RecordType.CONSENT_CHANGE, topics.openHits(), "k", hit("ua"));
            final CompletableFuture<Void> third = publisher.offerAcknowledged(RecordType.CONSENT_CHANGE,
                    topics.openHits(), "k", hit("ua"));

            assertThat(third).isCompletedExceptionally();
            assertThat(third).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(BufferFullException.class)
                    .withMessageContaining("edge.buffer.consent.capacity");
            assertThat(publisher.offer(RecordType.OPEN_HIT, topics.openHits(), "k", hit("ua")))
                    .as("and a full consent lane takes nothing from the hits").isTrue();
        } finally {
            publisher.close(Duration.ofMillis(300));
        }
    }

    @Test
    void bytesAreBoundedToo() {
        final String userAgent = "x".repeat(2_000);
        final RecordPublisher publisher = unreachable(limits(1_000, 10_000, 10));
        try {
            int accepted = 0;
            for (int i = 0; i < 20; i++) {
                accepted += publisher.offer(RecordType.OPEN_HIT, topics.openHits(), "k", hit(userAgent)) ? 1 : 0;
            }

            assertThat(accepted).isEqualTo(4);
            assertThat(dropped.get(DropReason.OVERFLOW_BYTES)).hasValue(16);
            assertThat(publisher.bufferedBytes(Lane.HITS)).isBetween(8_000L, 10_000L);
        } finally {
            publisher.close(Duration.ofMillis(300));
        }
        assertThat(publisher.bufferedBytes(Lane.HITS)).isZero();
    }

    @Test
    void theEstimatedSizeIsAtLeastTheEncodedOneAndCloseToIt() {
        for (final String userAgent : new String[] {null, "Mozilla/5.0", "é".repeat(300), "字".repeat(200) + "😀"}) {
            final Hit hit = hit(userAgent);
            final int encoded = "p-42".length() + topics.openHits().valueSerde().encode(topics.openHits().name(), hit).length;

            assertThat(RecordSize.estimate("p-42", hit)).as(userAgent).isBetween((long) encoded, encoded + 150L);
        }
    }

    private RecordPublisher unreachable(final Map<Lane, LaneLimits> limits) {
        return RecordPublisher.start("localhost:" + EmbeddedKafka.freePort(), limits,
                Map.of("reconnect.backoff.max.ms", "200"), listener);
    }

    private static Map<Lane, LaneLimits> limits(final int hits, final long hitBytes, final int consent) {
        return Map.of(Lane.HITS, new LaneLimits(hits, hitBytes, "edge.buffer.capacity", "edge.buffer.bytes"),
                Lane.CONSENT, new LaneLimits(consent, 1 << 20, "edge.buffer.consent.capacity", "edge.buffer.consent.bytes"));
    }

    private static Hit hit(final String userAgent) {
        return new Hit("id-" + System.nanoTime(), HitKind.OPEN, "token", Instant.EPOCH, userAgent, null, null);
    }
}
