package io.pixelgate.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.edge.kafka.DropReason;
import io.pixelgate.edge.kafka.RecordType;
import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.testkit.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.Test;

/**
 * The edge's buffer when Kafka takes hits far slower than they come (a produce quota throttles
 * the hits' producer): bounded in records and in bytes, drops counted by reason, and a person's
 * consent change still recorded at once, through its own lane and producer. (The hits held are
 * counted as dropped at shutdown: the broker makes a throttled producer wait long after the quota
 * is lifted; {@code KafkaOutageTest} shows the buffer draining once Kafka is back.)
 */
class EdgeBufferTest {

    private static final String HITS_CLIENT = "pixelgate-edge";
    private static final int PIXELS = 60;
    /** Enough that half are dropped even when the broker takes a few batches before the quota bites (16 on CI). */
    private static final int PIXELS_BY_COUNT = 120;

    @Test
    void hitsFillingTheirLaneByCountAreDroppedAndCountedWhileAWithdrawalIsRecordedAtOnce() throws Exception {
        try (TestEdge edge = TestEdge.start(Map.of(EdgeSettings.BUFFER_CAPACITY.key(), "20"),
                TestCluster.shared()::newRuntime)) {
            hitsQuota(1.0);
            try {
                for (int i = 0; i < PIXELS_BY_COUNT; i++) {
                    assertThat(edge.get("/o/" + edge.personalPixel("p-buffer") + ".gif").statusCode()).isEqualTo(200);
                }

                final long dropped = EdgeHardeningTest.metric(edge, "pixelgate_edge_records_dropped_total"
                        + "\\{reason=\"overflow\",type=\"open-hit\"}");
                final long sent = EdgeHardeningTest.metric(edge, "pixelgate_edge_records_sent_total\\{type=\"open-hit\"}");
                assertThat(EdgeHardeningTest.metric(edge, "pixelgate_edge_buffer_records\\{lane=\"hits\"}")).isEqualTo(20);
                assertThat(dropped).as("dropped, with %d sent before the quota bit", sent).isEqualTo(PIXELS_BY_COUNT - 20 - sent)
                        .isGreaterThanOrEqualTo(PIXELS_BY_COUNT / 2);
                withdrawalIsRecordedAtOnce(edge);
            } finally {
                hitsQuota(null);
            }
        }
    }

    @Test
    void hitsFillingTheirLaneByBytesAreDroppedAndCountedWhileAWithdrawalIsRecordedAtOnce() throws Exception {
        final long bytes = 64 * 1024;
        try (TestEdge edge = TestEdge.start(Map.of(EdgeSettings.BUFFER_BYTES.key(), Long.toString(bytes)),
                TestCluster.shared()::newRuntime)) {
            hitsQuota(1.0);
            try {
                // tokens of about 4 KB, as a client may send: each hit holds that much
                for (int i = 0; i < PIXELS; i++) {
                    assertThat(edge.get("/o/" + "A".repeat(4000) + i + ".gif").statusCode()).isEqualTo(200);
                }

                final long dropped = edge.server().metrics().droppedCount(RecordType.OPEN_HIT, DropReason.OVERFLOW_BYTES);
                assertThat(dropped).as("16 hits of 4 KB fill 64 KiB").isGreaterThanOrEqualTo(PIXELS - 16 - 10);
                assertThat(EdgeHardeningTest.metric(edge, "pixelgate_edge_buffer_bytes\\{lane=\"hits\"}"))
                        .isBetween(bytes - 5_000, bytes);
                assertThat(edge.server().metrics().droppedCount(RecordType.OPEN_HIT, DropReason.OVERFLOW)).isZero();
                withdrawalIsRecordedAtOnce(edge);
            } finally {
                hitsQuota(null);
            }
        }
    }

    private static void withdrawalIsRecordedAtOnce(final TestEdge edge) {
        final String profileId = "p-buffer-" + UUID.randomUUID();
        final long started = System.nanoTime();

        assertThat(edge.postForm("/p/" + edge.preferences(profileId) + "/withdraw", "List-Unsubscribe=One-Click")
                .statusCode()).isEqualTo(200);

        // the answer waited for Kafka's acknowledgement, which hits waiting in their own lane never delay
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms to record the withdrawal").isLessThan(5_000);
        final List<ConsentChange> changes = TestCluster.shared().reader(edge.runtime().topics().consentChanges())
                .readUntil(records -> records.stream().anyMatch(r -> r.key().equals(profileId)), Duration.ofSeconds(30))
                .stream().filter(r -> r.key().equals(profileId)).map(ConsumerRecord::value).toList();
        assertThat(changes).extracting(ConsentChange::getStatus).containsExactly(ConsentStatus.WITHDRAWN);
        assertThat(edge.server().metrics().droppedCount(RecordType.CONSENT_CHANGE, DropReason.OVERFLOW)).isZero();
    }

    /**
     * A produce quota on the hits' producer (client id {@code pixelgate-edge}): the broker accepts
     * its first batch and then makes it wait, as a slow or overloaded Kafka does; the consent
     * lane's producer has a client id of its own and is not slowed. Null lifts the quota.
     */
    private static void hitsQuota(final Double bytesPerSecond) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestCluster.shared().bootstrapServers()))) {
            final ClientQuotaEntity hitsProducer = new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, HITS_CLIENT));
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(hitsProducer,
                    List.of(new ClientQuotaAlteration.Op("producer_byte_rate", bytesPerSecond)))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Thread.sleep(1_000); // for the broker to apply it
    }
}
