package io.pixelgate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.ProfileKey;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.app.PixelgateApplication.Running;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.registry.HttpSchemaRegistryClient;
import io.pixelgate.schemas.serde.ConfluentAvroSerde;
import io.pixelgate.testkit.TestClients;
import io.pixelgate.testkit.TestCluster;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** consent-events on a real broker with a real registry, driven as a CRM would drive it. */
class ConsentEventsBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void jsonAndAvroChangesBecomeAvroStateAndLedgerAndBadInputIsRejectedWhileProcessingGoesOn() {
        final TestCluster cluster = TestCluster.shared();
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of());
        final Topics topics = runtime.topics();
        try (Running app = new ConsentEventsApplication().start(runtime, WAIT);
             TestClients clients = cluster.clients()) {
            // given a JSON grant, then every kind of bad input, then an Avro withdrawal for another profile
            clients.sendJson(topics.consentChanges(), "p-1", ConsentTopologyTest.json("crm-1", "p-1", "GRANTED",
                    "2026-11-22T10:00:00Z", "[\"OPEN_MEASUREMENT\",\"ENGAGEMENT_PROFILING\"]"));
            clients.sendRaw(topics.consentChanges(), "p-x", new byte[] {(byte) 0xCA, (byte) 0xFE});
            clients.sendJson(topics.consentChanges(), "p-x", "{\"eventId\":");
            clients.sendJson(topics.consentChanges(), "p-x", "{\"eventId\":\"e\",\"profileId\":\"p-x\","
                    + "\"purposes\":[\"OPEN_MEASUREMENT\"],\"status\":\"DENIED\",\"source\":\"crm\"}");
            clients.sendJson(topics.consentChanges(), "p-x", ConsentTopologyTest.json("e", "p-x", "SURE",
                    "2026-11-22T10:00:00Z", "[\"OPEN_MEASUREMENT\"]"));
            clients.sendRaw(topics.consentChanges(), "p-x", ByteBuffer.allocate(12).put((byte) 0).putInt(987_654).array());
            clients.sendRaw(topics.consentChanges(), "p-x", new byte[2 * 1024 * 1024]);
            final ConsentChange withdrawal = ConsentTopologyTest.change("crm-2", "p-2", ConsentStatus.WITHDRAWN,
                    Instant.parse("2026-11-22T11:00:00Z"), Purpose.OPEN_MEASUREMENT);
            clients.sendAvro(topics.consentChanges(), "p-2", withdrawal);

            // then both valid changes reach the ledger and the state, as Avro read by schema id
            final List<ConsumerRecord<String, ConsentLedgerEntry>> ledger = cluster.reader(topics.consentLedger())
                    .read(2, WAIT);
            assertThat(ledger).extracting(r -> r.value().getChange().getEventId()).containsExactlyInAnyOrder("crm-1", "crm-2");
            assertThat(ledger).allSatisfy(r -> assertThat(r.value().getEffect()).isEqualTo(LedgerEffect.APPLIED));
            final List<ConsumerRecord<String, ConsentState>> states = cluster.reader(topics.consentState()).read(2, WAIT);
            assertThat(states).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("p-1", "p-2");

            // and each bad input is on the rejected topic with its reason
            final List<ConsumerRecord<String, RejectedRecord>> rejected = cluster.reader(topics.rejected()).read(6, WAIT);
            assertThat(rejected).extracting(r -> r.value().getReason()).satisfiesExactlyInAnyOrder(
                    r -> assertThat(r).contains("neither Confluent-framed Avro"),
                    r -> assertThat(r).contains("invalid JSON"),
                    r -> assertThat(r).contains("field 'occurredAt': required"),
                    r -> assertThat(r).contains("'SURE' is not one of"),
                    r -> assertThat(r).contains("schema id 987654 is unknown"),
                    r -> assertThat(r).contains("over the limit"));
        }
    }

    @Test
    void anErasureRequestTombstonesStateAndKeyProvesTheErasureAndLeavesTheEarlierEntryUnopenable() {
        final TestCluster cluster = TestCluster.shared();
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of());
        final Topics topics = runtime.topics();
        try (Running app = new ConsentEventsApplication().start(runtime, WAIT);
             TestClients clients = cluster.clients()) {
            // given a grant with an email and evidence, ledgered with the profile's new key
            clients.sendJson(topics.consentChanges(), "p-9", ConsentTopologyTest.json("crm-1", "p-9", "GRANTED",
                    "2026-11-22T10:00:00Z", "[\"OPEN_MEASUREMENT\"]"));
            final ConsentLedgerEntry granted = cluster.reader(topics.consentLedger()).read(1, WAIT).get(0).value();
            final ProfileKey key = cluster.reader(topics.profileKeys()).read(1, WAIT).get(0).value();
            assertThat(SealedEntries.clear(granted)).isTrue();
            assertThat(SealedEntries.open(granted, key).orElseThrow().getEmail()).isEqualTo("ana@example.org");

            // when the person asks to be erased
            clients.sendJson(topics.erasureRequests(), "p-9", ErasureTopologyTest.erasureJson("er-9", "p-9",
                    Instant.now().minusSeconds(60).toString()));

            // then consent-state and profile-keys get tombstones naming the request
            final List<ConsumerRecord<String, ConsentState>> states = cluster.reader(topics.consentState())
                    .read(2, WAIT);
            assertThat(states).extracting(ConsumerRecord::key).containsExactly("p-9", "p-9");
            assertErasureTombstone(states.get(1));
            final List<ConsumerRecord<String, ProfileKey>> keys = cluster.reader(topics.profileKeys()).read(2, WAIT);
            assertErasureTombstone(keys.get(1));
            // and the ledger proves the erasure, the purge-log says what went
            final ConsentLedgerEntry erased = cluster.reader(topics.consentLedger()).read(2, WAIT).get(1).value();
            assertThat(erased.getEffect()).isEqualTo(LedgerEffect.ERASED);
            assertThat(erased.getChange().getEventId()).isEqualTo("er-9");
            final PurgeRecord purge = cluster.reader(topics.purgeLog()).read(1, WAIT).get(0).value();
            assertThat(purge.getReason()).isEqualTo("ERASED by request er-9");
            assertThat(purge.getPurged()).containsEntry(ConsentStores.KEY_STORE, 1L)
                    .containsEntry(ConsentStores.SEEN_STORE, 1L);
            // and no key on profile-keys opens the earlier entry any more: the profile's key is gone
            final Map<String, ProfileKey> current = new HashMap<>();
            keys.forEach(record -> current.put(record.key(), record.value()));
            assertThat(current.get("p-9")).isNull();
            assertThat(current.values().stream().filter(k -> k != null)
                    .flatMap(k -> SealedEntries.open(granted, k).stream())).isEmpty();
        }
    }

    private static void assertErasureTombstone(final ConsumerRecord<String, ?> record) {
        assertThat(record.key()).isEqualTo("p-9");
        assertThat(record.value()).isNull();
        final Header header = record.headers().lastHeader(Topics.ERASURE_REQUEST_HEADER);
        assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo("er-9");
    }

    @Test
    void outputSchemasAreRegisteredUnderTopicValueSubjects() {
        final TestCluster cluster = TestCluster.shared();
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of());
        final HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(cluster.registryUrl());

        for (final var topic : runtime.topics().all()) {
            assertThat(registry.latest(ConfluentAvroSerde.subjectOf(topic.name())).schema())
                    .isEqualTo(topic.valueSerde().schema());
        }
    }
}
