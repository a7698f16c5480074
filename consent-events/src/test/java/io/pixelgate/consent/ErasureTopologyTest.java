package io.pixelgate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.ProfileKey;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.schemas.Topics;
import io.pixelgate.testkit.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Erasure requests through the real topology (SPEC.md section 1, Erasure), with explicit timestamps. */
class ErasureTopologyTest {

    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");

    private TopologyHarness harness;
    private Topics topics;
    private TestInputTopic<String, byte[]> changes;
    private TestInputTopic<String, byte[]> erasures;
    private TestOutputTopic<String, ConsentState> state;
    private TestOutputTopic<String, ConsentLedgerEntry> ledger;
    private TestOutputTopic<String, ProfileKey> keys;
    private TestOutputTopic<String, PurgeRecord> purges;
    private TestOutputTopic<String, RejectedRecord> rejected;

    @BeforeEach
    void startDriver() {
        harness = TopologyHarness.start(new ConsentEventsApplication(), Map.of());
        topics = harness.topics();
        changes = harness.rawInput(topics.consentChanges());
        erasures = harness.rawInput(topics.erasureRequests());
        state = harness.output(topics.consentState());
        ledger = harness.output(topics.consentLedger());
        keys = harness.output(topics.profileKeys());
        purges = harness.output(topics.purgeLog());
        rejected = harness.output(topics.rejected());
    }

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void anErasureDeletesStateKeyAndSeenChangesAndWritesTombstonesTheProofAndThePurgeRecord() {
        // given a profile with two changes, and one whose id it prefixes
        change("crm-1", "p-1", "GRANTED", "2026-11-22T10:00:00Z", NOON);
        change("crm-2", "p-1", "DENIED", "2026-11-22T10:30:00Z", NOON);
        change("crm-3", "p-10", "GRANTED", "2026-11-22T10:30:00Z", NOON);
        final Map<String, ProfileKey> madeKeys = keys.readKeyValuesToMap();
        state.readRecordsToList();

        // when p-1 asks to be erased
        erase("er-1", "p-1", "2026-11-22T12:30:00Z", NOON.plusSeconds(3600));

        // then no store yields p-1, and p-10 is untouched
        assertThat(harness.<String, ConsentState>store(ConsentStores.STATE_STORE).get("p-1")).isNull();
        assertThat(harness.<String, ProfileKey>store(ConsentStores.KEY_STORE).get("p-1")).isNull();
        assertThat(ConsentStores.seenKeysOf(harness.store(ConsentStores.SEEN_STORE), "p-1")).isEmpty();
        assertThat(harness.<String, ConsentState>store(ConsentStores.STATE_STORE).get("p-10")).isNotNull();
        assertThat(ConsentStores.seenKeysOf(harness.store(ConsentStores.SEEN_STORE), "p-10")).hasSize(1);
        // and consent-state and profile-keys end with tombstones that name the request, stamped at its arrival
        final TestRecord<String, ConsentState> tombstone = state.readRecord();
        assertThat(tombstone.key()).isEqualTo("p-1");
        assertThat(tombstone.value()).isNull();
        assertThat(requestIn(tombstone.headers().lastHeader(Topics.ERASURE_REQUEST_HEADER))).isEqualTo("er-1");
        assertThat(tombstone.getRecordTime()).isEqualTo(NOON.plusSeconds(3600));
        final TestRecord<String, ProfileKey> keyTombstone = keys.readRecord();
        assertThat(keyTombstone.key()).isEqualTo("p-1");
        assertThat(keyTombstone.value()).isNull();
        assertThat(requestIn(keyTombstone.headers().lastHeader(Topics.ERASURE_REQUEST_HEADER))).isEqualTo("er-1");
        // and the ledger proves the erasure with a skeleton entry
        final List<ConsentLedgerEntry> entries = ledger.readValuesToList();
        final ConsentLedgerEntry erased = entries.get(entries.size() - 1);
        assertThat(erased.getEffect()).isEqualTo(LedgerEffect.ERASED);
        assertThat(erased.getChange().getEventId()).isEqualTo("er-1");
        assertThat(erased.getChange().getSource()).isEqualTo("dpo-desk");
        assertThat(erased.getChange().getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T12:30:00Z"));
        assertThat(erased.getChange().getPurposes()).containsExactlyInAnyOrder(Purpose.values());
        assertThat(erased.getSealed()).isNull();
        assertThat(SealedEntries.clear(erased)).isTrue();
        // and the purge-log says what went
        final PurgeRecord purge = purges.readValue();
        assertThat(purge.getReason()).isEqualTo("ERASED by request er-1");
        assertThat(purge.getPurged()).containsEntry(ConsentStores.STATE_STORE, 1L)
                .containsEntry(ConsentStores.SEEN_STORE, 2L).containsEntry(ConsentStores.KEY_STORE, 1L)
                .containsEntry(topics.consentState().name(), 1L).containsEntry(topics.profileKeys().name(), 1L);
        assertThat(purges.isEmpty()).isTrue();
        // and p-1's earlier entries still open with the key it had: only its deletion erases them
        assertThat(SealedEntries.open(entries.get(0), madeKeys.get("p-1"))).isPresent();
    }

    @Test
    void laterInputForAnErasedProfileStartsFromNothingWithANewKey() {
        change("crm-1", "p-1", "GRANTED", "2026-11-22T10:00:00Z", NOON);
        final ProfileKey before = keys.readValue();
        erase("er-1", "p-1", "2026-11-22T12:00:00Z", NOON.plusSeconds(60));
        keys.readRecord();

        // when the person grants again after the erasure, then a new grant under a new key
        change("crm-2", "p-1", "GRANTED", "2026-11-22T12:01:30Z", NOON.plusSeconds(120));

        final List<ConsentLedgerEntry> entries = ledger.readValuesToList();
        assertThat(entries).extracting(ConsentLedgerEntry::getEffect)
                .containsExactly(LedgerEffect.APPLIED, LedgerEffect.ERASED, LedgerEffect.APPLIED);
        final ProfileKey after = keys.readValue();
        assertThat(after.getKey()).isNotEqualTo(before.getKey());
        // the new key opens the new entry only: the old entry is sealed under a key that is gone
        assertThat(SealedEntries.open(entries.get(2), after)).isPresent();
        assertThat(SealedEntries.open(entries.get(0), after)).isEmpty();
        final ConsentState current = harness.<String, ConsentState>store(ConsentStores.STATE_STORE).get("p-1");
        assertThat(current.getPurposes()).singleElement()
                .satisfies(entry -> assertThat(entry.getEventId()).isEqualTo("crm-2"));
    }

    @Test
    void aBacklogResentAfterAnErasureGrantsNothingAndKeepsNothingOfIt() {
        // given a grant, then an erasure
        change("crm-1", "p-1", "GRANTED", "2026-11-22T10:00:00Z", NOON);
        erase("er-1", "p-1", "2026-11-22T12:00:00Z", NOON.plusSeconds(60));
        state.readRecordsToList();
        keys.readRecordsToList();
        ledger.readRecordsToList();

        // when the CRM resends its backlog: the same change, and one made before the erasure under a new id
        change("crm-1", "p-1", "GRANTED", "2026-11-22T10:00:00Z", NOON.plusSeconds(120));
        change("crm-0", "p-1", "GRANTED", "2026-11-22T12:01:00Z", NOON.plusSeconds(180));

        // then the erasure stands: no state, no key, no seen change, nothing on consent-state or profile-keys
        assertThat(harness.<String, ConsentState>store(ConsentStores.STATE_STORE).get("p-1")).isNull();
        assertThat(harness.<String, ProfileKey>store(ConsentStores.KEY_STORE).get("p-1")).isNull();
        assertThat(ConsentStores.seenKeysOf(harness.store(ConsentStores.SEEN_STORE), "p-1")).isEmpty();
        assertThat(state.isEmpty()).isTrue();
        assertThat(keys.isEmpty()).isTrue();
        // and the ledger says both came, out of order, with no personal field kept, sealed or clear
        final List<ConsentLedgerEntry> entries = ledger.readValuesToList();
        assertThat(entries).extracting(entry -> entry.getChange().getEventId()).containsExactly("crm-1", "crm-0");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.getEffect()).isEqualTo(LedgerEffect.OUT_OF_ORDER);
            assertThat(entry.getSealed()).isNull();
            assertThat(entry.getChange().getEmail()).isNull();
            assertThat(entry.getChange().getEvidence()).isNull();
        });
        // and the one thing the erasure kept is its time
        assertThat(harness.<String, Long>store(ConsentStores.ERASURE_STORE).get("p-1"))
                .isEqualTo(NOON.plusSeconds(60).toEpochMilli());
    }

    @Test
    void aReplayedRequestErasesAgainFindingNothing() {
        change("crm-1", "p-1", "GRANTED", "2026-11-22T10:00:00Z", NOON);
        erase("er-1", "p-1", "2026-11-22T12:00:00Z", NOON.plusSeconds(60));
        erase("er-1", "p-1", "2026-11-22T12:00:00Z", NOON.plusSeconds(120));

        final List<PurgeRecord> records = purges.readValuesToList();
        assertThat(records).hasSize(2);
        assertThat(records.get(1).getPurged()).containsEntry(ConsentStores.STATE_STORE, 0L)
                .containsEntry(ConsentStores.SEEN_STORE, 0L).containsEntry(ConsentStores.KEY_STORE, 0L);
        assertThat(ledger.readValuesToList()).extracting(ConsentLedgerEntry::getEffect)
                .containsExactly(LedgerEffect.APPLIED, LedgerEffect.ERASED, LedgerEffect.ERASED);
        final List<TestRecord<String, ProfileKey>> keyRecords = keys.readRecordsToList();
        assertThat(keyRecords).hasSize(3);
        assertThat(keyRecords.subList(1, 3)).allSatisfy(tombstone -> assertThat(tombstone.value()).isNull());
    }

    @Test
    void badErasureRequestsAreRejectedNamingTheFieldAndEraseNothing() {
        change("crm-1", "p-1", "GRANTED", "2026-11-22T10:00:00Z", NOON);
        send(erasures, "p-1", "{\"requestId\":\" \",\"profileId\":\"p-1\",\"requestedAt\":\"2026-11-22T12:00:00Z\","
                + "\"source\":\"dpo-desk\"}", NOON);
        send(erasures, "p-1", "{\"requestId\":\"er-2\",\"profileId\":\"p-1\",\"source\":\"dpo-desk\"}", NOON);
        send(erasures, "p-1", "{\"requestId\":\"er-3\",\"profileId\":\"p-1\",\"requestedAt\":\"2026-11-22T13:00:00Z\","
                + "\"source\":\"dpo-desk\"}", NOON);

        assertThat(rejected.readValuesToList()).extracting(RejectedRecord::getReason).satisfiesExactly(
                r -> assertThat(r).contains("field 'requestId': must not be blank"),
                r -> assertThat(r).contains("field 'requestedAt': required"),
                r -> assertThat(r).contains("field 'requestedAt'").contains("input.max.clock.skew"));
        assertThat(purges.isEmpty()).isTrue();
        assertThat(harness.<String, ConsentState>store(ConsentStores.STATE_STORE).get("p-1")).isNotNull();
    }

    private void change(final String eventId, final String profileId, final String status, final String occurredAt,
                        final Instant arrival) {
        send(changes, profileId, ConsentTopologyTest.json(eventId, profileId, status, occurredAt,
                "[\"OPEN_MEASUREMENT\"]"), arrival);
    }

    private void erase(final String requestId, final String profileId, final String requestedAt,
                       final Instant arrival) {
        send(erasures, profileId, erasureJson(requestId, profileId, requestedAt), arrival);
    }

    static String erasureJson(final String requestId, final String profileId, final String requestedAt) {
        return "{\"requestId\":\"" + requestId + "\",\"profileId\":\"" + profileId + "\",\"requestedAt\":\""
                + requestedAt + "\",\"source\":\"dpo-desk\",\"reason\":\"the person asked by email\"}";
    }

    private static void send(final TestInputTopic<String, byte[]> topic, final String key, final String json,
                             final Instant arrival) {
        topic.pipeInput(key, json.getBytes(StandardCharsets.UTF_8), arrival);
    }

    private static String requestIn(final Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
