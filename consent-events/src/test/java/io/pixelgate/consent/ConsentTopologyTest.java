package io.pixelgate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.PersonalData;
import io.pixelgate.events.ProfileKey;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.consent.Consents;
import io.pixelgate.testkit.TopologyHarness;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsentTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    /** When changes that occurred between 10:00 and 11:00 reached the cluster. */
    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");

    private TopologyHarness harness;
    private Topics topics;
    private TestInputTopic<String, byte[]> changes;
    private TestOutputTopic<String, ConsentState> state;
    private TestOutputTopic<String, ConsentLedgerEntry> ledger;
    private TestOutputTopic<String, RejectedRecord> rejected;
    private TestOutputTopic<String, ProfileKey> keys;

    @BeforeEach
    void startDriver() {
        harness = TopologyHarness.start(new ConsentEventsApplication(), Map.of());
        topics = harness.topics();
        changes = harness.rawInput(topics.consentChanges());
        state = harness.output(topics.consentState());
        ledger = harness.output(topics.consentLedger());
        rejected = harness.output(topics.rejected());
        keys = harness.output(topics.profileKeys());
    }

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void grantFromJsonBecomesStateAndLedgerEntry() {
        // given a CRM grant as JSON, keyed by profile
        send("p-42", json("crm-1", "p-42", "GRANTED", "2026-11-22T10:00:00Z", "[\"OPEN_MEASUREMENT\"]"), T0);

        // then the state says granted, with the ledger entry behind it
        final ConsentState current = state.readValue();
        assertThat(current.getProfileId()).isEqualTo("p-42");
        final PurposeConsent open = Consents.entry(current, Purpose.OPEN_MEASUREMENT).orElseThrow();
        assertThat(open.getStatus()).isEqualTo(ConsentStatus.GRANTED);
        assertThat(open.getEventId()).isEqualTo("crm-1");
        assertThat(open.getWordingVersion()).isEqualTo("tracking-v3");
        assertThat(Consents.granted(current, Purpose.OPEN_MEASUREMENT, T0.plusSeconds(1))).isTrue();
        final ConsentLedgerEntry entry = ledger.readValue();
        assertThat(entry.getEffect()).isEqualTo(LedgerEffect.APPLIED);
        // and the entry's personal fields are sealed with the profile's new key, not in the clear
        assertThat(SealedEntries.clear(entry)).isTrue();
        final ProfileKey key = keys.readValue();
        final PersonalData personal = SealedEntries.open(entry, key).orElseThrow();
        assertThat(personal.getEvidence().getIp()).isEqualTo("203.0.113.7");
        assertThat(personal.getEmail()).isEqualTo("ana@example.org");
    }

    @Test
    void aProfilesFirstEntryMakesItsKeyOnceAndEveryLaterEntryIsSealedWithIt() {
        send("p-1", json("crm-1", "p-1", "GRANTED", "2026-11-22T10:00:00Z", "[\"OPEN_MEASUREMENT\"]"), T0);
        send("p-1", json("crm-1", "p-1", "GRANTED", "2026-11-22T10:00:00Z", "[\"OPEN_MEASUREMENT\"]"), T0);
        send("p-1", json("crm-2", "p-1", "WITHDRAWN", "2026-11-22T10:30:00Z", "[\"OPEN_MEASUREMENT\"]"), NOON);
        send("p-2", json("crm-3", "p-2", "DENIED", "2026-11-22T10:30:00Z", "[\"CROSS_CHANNEL\"]"), NOON);

        final Map<String, ProfileKey> made = keys.readKeyValuesToMap();
        assertThat(made).containsOnlyKeys("p-1", "p-2");
        assertThat(made.get("p-1").getKey()).isNotEqualTo(made.get("p-2").getKey());
        assertThat(harness.<String, ProfileKey>store(ConsentStores.KEY_STORE).get("p-1")).isEqualTo(made.get("p-1"));
        final List<ConsentLedgerEntry> entries = ledger.readValuesToList();
        assertThat(entries).extracting(ConsentLedgerEntry::getEffect).containsExactly(LedgerEffect.APPLIED,
                LedgerEffect.DUPLICATE, LedgerEffect.APPLIED, LedgerEffect.APPLIED);
        assertThat(entries).allSatisfy(entry -> {
            assertThat(SealedEntries.clear(entry)).isTrue();
            final ProfileKey own = made.get(entry.getChange().getProfileId());
            assertThat(SealedEntries.open(entry, own).orElseThrow().getEmail()).isEqualTo("ana@example.org");
        });
        // a sealed value opens only with its own profile's key
        assertThat(SealedEntries.open(entries.get(0), made.get("p-2"))).isEmpty();
    }

    @Test
    void aChangeWithoutPersonalFieldsIsLedgeredWithNothingSealed() {
        final ConsentChange change = change("crm-2", "p-1", ConsentStatus.DENIED, T0, Purpose.CROSS_CHANNEL);
        changes.pipeInput("p-1", topics.consentChanges().valueSerde().encode(topics.consentChanges().name(), change),
                T0);

        assertThat(ledger.readValue().getSealed()).isNull();
    }

    @Test
    void avroInputIsReadLikeJson() {
        final ConsentChange change = change("crm-2", "p-1", ConsentStatus.GRANTED, T0, Purpose.OPEN_MEASUREMENT);
        changes.pipeInput("p-1", topics.consentChanges().valueSerde().encode(topics.consentChanges().name(), change),
                T0);

        assertThat(ledger.readValue().getChange()).isEqualTo(change);
        assertThat(state.readValue().getPurposes()).hasSize(1);
    }

    @Test
    void replayedEventChangesNothingAndIsLedgeredAsDuplicate() {
        final String grant = json("crm-1", "p-1", "GRANTED", "2026-11-22T10:00:00Z", "[\"OPEN_MEASUREMENT\"]");
        send("p-1", grant, T0);
        send("p-1", grant, T0.plusSeconds(5));

        assertThat(state.readValuesToList()).hasSize(1);
        assertThat(ledger.readValuesToList()).extracting(ConsentLedgerEntry::getEffect)
                .containsExactly(LedgerEffect.APPLIED, LedgerEffect.DUPLICATE);
    }

    @Test
    void olderEventDoesNotOverrideNewerStateButIsKeptInLedger() {
        send("p-1", json("crm-2", "p-1", "WITHDRAWN", "2026-11-22T11:00:00Z", "[\"OPEN_MEASUREMENT\"]"), NOON);
        send("p-1", json("crm-1", "p-1", "GRANTED", "2026-11-22T10:00:00Z", "[\"OPEN_MEASUREMENT\"]"), NOON);

        final List<ConsentState> states = state.readValuesToList();
        assertThat(states).hasSize(1);
        assertThat(Consents.entry(states.get(0), Purpose.OPEN_MEASUREMENT).orElseThrow().getStatus())
                .isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(ledger.readValuesToList()).extracting(ConsentLedgerEntry::getEffect)
                .containsExactly(LedgerEffect.APPLIED, LedgerEffect.OUT_OF_ORDER);
    }

    @Test
    void withdrawingOpenMeasurementWithdrawsItsDependants() {
        send("p-1", json("crm-1", "p-1", "GRANTED", "2026-11-22T10:00:00Z",
                "[\"OPEN_MEASUREMENT\", \"ENGAGEMENT_PROFILING\", \"CROSS_CHANNEL\"]"), NOON);
        send("p-1", json("crm-2", "p-1", "WITHDRAWN", "2026-11-22T11:00:00Z", "[\"OPEN_MEASUREMENT\"]"), NOON);

        final List<ConsentState> states = state.readValuesToList();
        final ConsentState last = states.get(states.size() - 1);
        for (final Purpose purpose : Purpose.values()) {
            assertThat(Consents.entry(last, purpose).orElseThrow().getStatus()).isEqualTo(ConsentStatus.WITHDRAWN);
            assertThat(Consents.granted(last, purpose, T0.plusSeconds(7200))).isFalse();
        }
        assertThat(ledger.readValuesToList().get(1).getAppliedPurposes())
                .containsExactlyInAnyOrder(Purpose.values());
    }

    @Test
    void grantPastItsExpiryNoLongerCounts() {
        send("p-1", "{\"eventId\":\"e\",\"profileId\":\"p-1\",\"purposes\":[\"OPEN_MEASUREMENT\"],\"status\":\"GRANTED\","
                + "\"occurredAt\":\"2026-11-22T10:00:00Z\",\"source\":\"crm\",\"wordingVersion\":\"v1\","
                + "\"expiresAt\":\"2026-12-22T10:00:00Z\"}", T0);

        final ConsentState current = state.readValue();
        assertThat(Consents.granted(current, Purpose.OPEN_MEASUREMENT, Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
        assertThat(Consents.granted(current, Purpose.OPEN_MEASUREMENT, Instant.parse("2026-12-23T00:00:00Z"))).isFalse();
    }

    @Test
    void badInputsAreRejectedWithReasonsAndTheNextValidChangeIsProcessed() {
        // given a run of bad values, each followed by nothing but more input
        sendRaw("p-1", new byte[] {(byte) 0xFF, 0x13, 0x37});
        send("p-1", "{\"eventId\": \"e1\", ");
        send("p-1", "{\"eventId\":\"e2\",\"profileId\":\"p-1\",\"purposes\":[\"OPEN_MEASUREMENT\"],\"status\":\"GRANTED\","
                + "\"source\":\"crm\",\"wordingVersion\":\"v1\"}");
        send("p-1", json("e3", "p-1", "MAYBE", "2026-11-22T10:00:00Z", "[\"OPEN_MEASUREMENT\"]"));
        sendRaw("p-1", ByteBuffer.allocate(20).put((byte) 0).putInt(999_999).array());
        sendRaw("p-1", new byte[2 * 1024 * 1024]);
        send("p-1", "{\"eventId\":\"e4\",\"profileId\":\"p-1\",\"purposes\":[\"OPEN_MEASUREMENT\"],\"status\":\"GRANTED\","
                + "\"occurredAt\":\"2026-11-22T10:00:00Z\",\"source\":\"crm\"}");
        send("p-1", json("e5", "p-1", "GRANTED", "2026-11-22T10:00:00Z", "[]"));
        // and then a valid one
        send("p-1", json("ok", "p-1", "GRANTED", "2026-11-22T10:00:00Z", "[\"OPEN_MEASUREMENT\"]"));

        final List<RejectedRecord> rejections = rejected.readValuesToList();
        assertThat(rejections).extracting(RejectedRecord::getReason).satisfiesExactly(
                r -> assertThat(r).contains("neither Confluent-framed Avro"),
                r -> assertThat(r).contains("invalid JSON"),
                r -> assertThat(r).contains("field 'occurredAt': required"),
                r -> assertThat(r).contains("field 'status': 'MAYBE' is not one of GRANTED, DENIED, WITHDRAWN"),
                r -> assertThat(r).contains("schema id 999999 is unknown"),
                r -> assertThat(r).contains("over the limit"),
                r -> assertThat(r).contains("field 'wordingVersion': required when status is GRANTED"),
                r -> assertThat(r).contains("field 'purposes': must name at least one purpose"));
        assertThat(rejections).allSatisfy(r -> {
            assertThat(r.getSourceTopic()).isEqualTo(topics.consentChanges().name());
            assertThat(r.getOffset()).isNotNegative();
        });
        assertThat(rejections.get(5).getRawSize()).isEqualTo(2 * 1024 * 1024);
        assertThat(ledger.readValuesToList()).extracting(e -> e.getChange().getEventId()).containsExactly("ok");
    }

    @Test
    void aGrantStampedAheadOfItsArrivalCannotOutlastAWithdrawalReceivedAfterIt() {
        // given a CRM whose clock runs ten minutes ahead grants at noon, stamping 12:10
        send("p-1", json("crm-1", "p-1", "GRANTED", "2026-11-22T12:10:00Z", "[\"OPEN_MEASUREMENT\"]"), NOON);
        // when the person withdraws on the preferences page at 12:01
        send("p-1", json("page-1", "p-1", "WITHDRAWN", "2026-11-22T12:01:00Z", "[\"OPEN_MEASUREMENT\"]"),
                NOON.plusSeconds(60));

        // then the withdrawal wins: the grant took effect when it arrived, not at its stamp
        final List<ConsentState> states = state.readValuesToList();
        final PurposeConsent open = Consents.entry(states.get(states.size() - 1), Purpose.OPEN_MEASUREMENT).orElseThrow();
        assertThat(open.getStatus()).isEqualTo(ConsentStatus.WITHDRAWN);
        final List<ConsentLedgerEntry> entries = ledger.readValuesToList();
        assertThat(entries).extracting(ConsentLedgerEntry::getEffect)
                .containsExactly(LedgerEffect.APPLIED, LedgerEffect.APPLIED);
        assertThat(entries.get(0).getReceivedAt()).isEqualTo(NOON);
        assertThat(entries.get(0).getChange().getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T12:10:00Z"));
    }

    @Test
    void changesStampedTooFarAheadOrBefore2000AreRejectedAndChangeNothing() {
        send("p-1", json("ahead", "p-1", "GRANTED", "2026-11-22T12:30:00Z", "[\"OPEN_MEASUREMENT\"]"), NOON);
        send("p-1", json("old", "p-1", "GRANTED", "1969-12-31T23:59:59Z", "[\"OPEN_MEASUREMENT\"]"), NOON);
        send("p-1", json("ok", "p-1", "DENIED", "2026-11-22T11:59:00Z", "[\"CROSS_CHANNEL\"]"), NOON);

        assertThat(rejected.readValuesToList()).extracting(RejectedRecord::getReason).satisfiesExactly(
                r -> assertThat(r).startsWith("field 'occurredAt': 2026-11-22T12:30:00Z is PT30M ahead")
                        .contains("input.max.clock.skew"),
                r -> assertThat(r).contains("before 2000-01-01T00:00:00Z").contains("input.min.event.time"));
        assertThat(ledger.readValuesToList()).extracting(e -> e.getChange().getEventId()).containsExactly("ok");
        final KeyValueStore<String, ConsentState> store = harness.<String, ConsentState>store(ConsentStores.STATE_STORE);
        assertThat(store.get("p-1").getPurposes()).extracting(PurposeConsent::getPurpose)
                .containsExactly(Purpose.CROSS_CHANNEL);
    }

    @Test
    void aGrantFromAFormShownBeforeTheProfilesLatestChangeIsLedgeredAsStaleAndNotApplied() {
        final Instant shown = Instant.parse("2026-11-22T11:00:00Z");
        // the person opened the page at 11:00; at 11:30 they withdrew everything by one click
        send("p-1", json("one-click", "p-1", "WITHDRAWN", "2026-11-22T11:30:00Z", "[\"OPEN_MEASUREMENT\"]"), NOON);
        // the accept form shown at 11:00 is posted at noon (replayed, or left open)
        send("p-1", formJson("form-grant", "GRANTED", "[\"OPEN_MEASUREMENT\"]", shown), NOON.plusSeconds(1));

        final List<ConsentLedgerEntry> entries = ledger.readValuesToList();
        assertThat(entries).extracting(ConsentLedgerEntry::getEffect)
                .containsExactly(LedgerEffect.APPLIED, LedgerEffect.STALE_FORM);
        assertThat(entries.get(1).getAppliedPurposes()).isEmpty();
        final ConsentState current = harness.<String, ConsentState>store(ConsentStores.STATE_STORE).get("p-1");
        assertThat(Consents.granted(current, Purpose.OPEN_MEASUREMENT, NOON.plusSeconds(2))).isFalse();
    }

    @Test
    void theChangesOfOneFormDoNotMakeEachOtherStale() {
        final Instant shown = Instant.parse("2026-11-22T11:55:00Z");
        // one submission: cross-channel refused and the other two granted, in either order
        send("p-1", formJson("form-deny", "DENIED", "[\"CROSS_CHANNEL\"]", shown), NOON);
        send("p-1", formJson("form-grant", "GRANTED", "[\"OPEN_MEASUREMENT\",\"ENGAGEMENT_PROFILING\"]", shown), NOON);

        assertThat(ledger.readValuesToList()).extracting(ConsentLedgerEntry::getEffect)
                .containsExactly(LedgerEffect.APPLIED, LedgerEffect.APPLIED);
        final ConsentState current = harness.<String, ConsentState>store(ConsentStores.STATE_STORE).get("p-1");
        assertThat(Consents.granted(current, Purpose.ENGAGEMENT_PROFILING, NOON.plusSeconds(1))).isTrue();
    }

    private static String formJson(final String eventId, final String status, final String purposes,
                                   final Instant shown) {
        return "{\"eventId\":\"" + eventId + "\",\"profileId\":\"p-1\",\"purposes\":" + purposes
                + ",\"status\":\"" + status + "\",\"occurredAt\":\"2026-11-22T12:00:00Z\",\"source\":\"edge\","
                + "\"method\":\"PREFERENCE_PAGE\",\"wordingVersion\":\"preferences-v1\",\"formShownAt\":\""
                + shown + "\"}";
    }

    @Test
    void stateIsKeptPerProfileInANamedStore() {
        send("p-1", json("a", "p-1", "GRANTED", "2026-11-22T10:00:00Z", "[\"OPEN_MEASUREMENT\"]"), T0);
        send("other-key", json("b", "p-2", "DENIED", "2026-11-22T10:00:00Z", "[\"OPEN_MEASUREMENT\"]"), T0);

        final KeyValueStore<String, ConsentState> store = harness.<String, ConsentState>store(ConsentStores.STATE_STORE);
        assertThat(store.get("p-1").getPurposes().get(0).getStatus()).isEqualTo(ConsentStatus.GRANTED);
        assertThat(store.get("p-2").getPurposes().get(0).getStatus()).isEqualTo(ConsentStatus.DENIED);
        assertThat(state.readKeyValuesToMap()).containsOnlyKeys("p-1", "p-2");
    }

    static String json(final String eventId, final String profileId, final String status, final String occurredAt,
                       final String purposes) {
        return "{\"eventId\":\"" + eventId + "\",\"profileId\":\"" + profileId + "\",\"email\":\"ana@example.org\","
                + "\"purposes\":" + purposes + ",\"status\":\"" + status + "\",\"occurredAt\":\"" + occurredAt + "\","
                + "\"source\":\"crm\",\"method\":\"SIGNUP_CHECKBOX\",\"wordingVersion\":\"tracking-v3\","
                + "\"evidence\":{\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\"},\"expiresAt\":null}";
    }

    static ConsentChange change(final String eventId, final String profileId, final ConsentStatus status,
                                final Instant occurredAt, final Purpose... purposes) {
        return ConsentChange.newBuilder().setEventId(eventId).setProfileId(profileId).setPurposes(List.of(purposes))
                .setStatus(status).setOccurredAt(occurredAt).setSource("crm")
                .setWordingVersion(status == ConsentStatus.GRANTED ? "v1" : null).build();
    }

    private void send(final String key, final String json, final Instant at) {
        changes.pipeInput(key, json.getBytes(StandardCharsets.UTF_8), at);
    }

    private void send(final String key, final String json) {
        send(key, json, T0);
    }

    private void sendRaw(final String key, final byte[] raw) {
        changes.pipeInput(key, raw, T0);
    }

}
