package io.pixelgate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.ProfileKey;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.schemas.Topics;
import io.pixelgate.testkit.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Erasure (SPEC.md section 1) as properties over generated histories of two profiles, one whose id
 * prefixes the other's ({@code p-1}, {@code p-10}): changes, replays of them, erasures, replayed and
 * malformed erasure requests, in any order, through the real topology.
 */
class ErasureProperties {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final List<String> PROFILES = List.of("p-1", "p-10");

    @Property(tries = 60)
    void anErasureLeavesNoStateNoKeyNoSeenChangeAndNoOpenableEntryOfTheProfile(
            @ForAll("histories") final List<Step> history) {
        final Run run = Run.of(history);

        for (final String profile : PROFILES) {
            final int lastErasure = lastErasure(history, profile);
            if (lastErasure < 0) {
                continue;
            }
            if (lastErasure == lastInput(history, profile)) {
                // nothing came after: no store yields the profile, its compacted outputs end with tombstones
                assertThat(run.states().get(profile)).isNull();
                assertThat(run.keys().get(profile)).isNull();
                assertThat(run.seen().get(profile)).isEmpty();
                assertThat(last(run.stateRecords(), profile).value()).isNull();
                assertThat(new String(last(run.stateRecords(), profile).headers()
                        .lastHeader(Topics.ERASURE_REQUEST_HEADER).value(), StandardCharsets.UTF_8))
                        .isEqualTo(history.get(lastErasure).id());
                assertThat(last(run.keyRecords(), profile).value()).isNull();
            }
            // no entry written before the erasure opens with any key still held, by a store or the topic
            final List<ProfileKey> held = new ArrayList<>(run.keys().values());
            final Map<String, ProfileKey> onTopic = new HashMap<>();
            run.keyRecords().forEach(record -> onTopic.put(record.key(), record.value()));
            onTopic.values().stream().filter(key -> key != null).forEach(held::add);
            for (final ConsentLedgerEntry entry : run.entriesBeforeLastErasure(profile)) {
                assertThat(held).allSatisfy(key -> assertThat(SealedEntries.open(entry, key)).isEmpty());
            }
        }
        assertThat(run.ledger()).allSatisfy(entry -> assertThat(SealedEntries.clear(entry)).isTrue());
        assertThat(run.ledger().size() + run.rejected().size()).isEqualTo(history.size());
        assertThat(run.rejected()).hasSize((int) history.stream().filter(step -> !step.valid()).count());
    }

    @Property(tries = 40)
    void laterInputForAnErasedProfileBehavesExactlyAsForANewProfile(@ForAll("histories") final List<Step> history) {
        final Run run = Run.of(history);

        for (final String profile : PROFILES) {
            final int lastErasure = lastErasure(history, profile);
            if (lastErasure < 0) {
                continue;
            }
            // what occurred after the erasure is new input; what occurred before it is a backlog
            final Instant erasedAt = arrival(lastErasure);
            final List<Integer> later = new ArrayList<>();
            for (int i = lastErasure + 1; i < history.size(); i++) {
                if (history.get(i).profile().equals(profile) && !history.get(i).before(erasedAt)) {
                    later.add(i);
                }
            }
            final Run fresh = Run.of(history, later);
            assertThat(entries(run.states().get(profile))).isEqualTo(entries(fresh.states().get(profile)));
            assertThat(effects(run.entriesAfterLastErasure(profile)))
                    .isEqualTo(expectedEffects(history, lastErasure, profile, fresh.ledger()));
            assertThat(run.seen().get(profile)).isEqualTo(fresh.seen().get(profile));
            assertThat(run.keys().containsKey(profile)).isEqualTo(fresh.keys().containsKey(profile));
        }
    }

    @Property(tries = 40)
    void aChangeMadeBeforeAnErasureNeverComesBackWhateverIsReplayedAfterIt(
            @ForAll("histories") final List<Step> history) {
        final Run run = Run.of(history);

        for (final String profile : PROFILES) {
            final int lastErasure = lastErasure(history, profile);
            if (lastErasure < 0) {
                continue;
            }
            final Instant erasedAt = arrival(lastErasure);
            final List<TestRecord<String, ConsentState>> own = run.stateRecords().stream()
                    .filter(record -> record.key().equals(profile)).toList();
            int tombstone = own.size() - 1;
            while (own.get(tombstone).value() != null) {
                tombstone--;
            }
            // every state written after the erasure's tombstone holds only changes that took effect after it
            assertThat(own.subList(tombstone + 1, own.size())).allSatisfy(record -> assertThat(
                    record.value().getPurposes()).allSatisfy(entry -> assertThat(entry.getSince()).isAfter(erasedAt)));
            for (final ConsentLedgerEntry entry : run.entriesAfterLastErasure(profile)) {
                if (!entry.getChange().getOccurredAt().isAfter(erasedAt)) {
                    assertThat(entry.getEffect()).isEqualTo(LedgerEffect.OUT_OF_ORDER);
                    assertThat(entry.getSealed()).isNull();
                    assertThat(entry.getChange().getEmail()).isNull();
                }
            }
        }
    }

    /** The effects after the last erasure: OUT_OF_ORDER for a change from before it, else as {@code fresh} had them. */
    private static List<String> expectedEffects(final List<Step> history, final int lastErasure, final String profile,
                                                final List<ConsentLedgerEntry> fresh) {
        final Instant erasedAt = arrival(lastErasure);
        final List<String> expected = new ArrayList<>();
        int next = 0;
        for (final Step step : history.subList(lastErasure + 1, history.size())) {
            if (!step.profile().equals(profile) || !step.valid()) {
                continue;
            }
            expected.add(step.before(erasedAt) ? step.id() + ":" + LedgerEffect.OUT_OF_ORDER
                    : effects(fresh.subList(next, ++next)).get(0));
        }
        return expected;
    }

    /**
     * When the step at {@code index} arrives: two minutes apart from five minutes after T0, so that
     * changes (T0 to T0 + 20 minutes) occur before some erasures and after others, never further
     * ahead of their arrival than input.max.clock.skew allows.
     */
    private static Instant arrival(final int index) {
        return T0.plusSeconds(300 + 120L * index);
    }

    private static int lastErasure(final List<Step> history, final String profile) {
        for (int i = history.size() - 1; i >= 0; i--) {
            final Step step = history.get(i);
            if (step.erasure() && step.valid() && step.profile().equals(profile)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastInput(final List<Step> history, final String profile) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).valid() && history.get(i).profile().equals(profile)) {
                return i;
            }
        }
        return -1;
    }

    private static <V> TestRecord<String, V> last(final List<TestRecord<String, V>> records, final String key) {
        return records.stream().filter(r -> r.key().equals(key)).reduce((a, b) -> b).orElseThrow();
    }

    private static List<String> entries(final ConsentState state) {
        return state == null ? List.of() : state.getPurposes().stream()
                .map(e -> e.getPurpose() + "=" + e.getStatus() + "@" + e.getSince() + "/" + e.getEventId()).sorted().toList();
    }

    private static List<String> effects(final List<ConsentLedgerEntry> entries) {
        return entries.stream().map(e -> e.getChange().getEventId() + ":" + e.getEffect()).toList();
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        final Arbitrary<Step> change = Combinators.combine(Arbitraries.of(PROFILES), Arbitraries.integers().between(0, 5),
                Arbitraries.of(ConsentStatus.class), Arbitraries.subsetOf(Purpose.values()).ofMinSize(1),
                Arbitraries.integers().between(0, 20), Arbitraries.of(true, true, true, false))
            .as((profile, event, status, purposes, minute, withWording) -> new Step(profile, "e" + event, false,
                    status, List.copyOf(purposes), minute, withWording));
        final Arbitrary<Step> erasure = Combinators.combine(Arbitraries.of(PROFILES), Arbitraries.integers().between(0, 2),
                Arbitraries.of(true, true, true, false))
            .as((profile, request, wellFormed) -> new Step(profile, "er-" + request, true, null, List.of(), 0,
                    wellFormed));
        return Arbitraries.frequencyOf(Tuple.of(4, change), Tuple.of(1, erasure))
                .list().ofMinSize(1).ofMaxSize(14)
                .map(ErasureProperties::consistent);
    }

    /** The same event id always names the same change of the same profile, as a replay does. */
    private static List<Step> consistent(final List<Step> steps) {
        final Map<String, Step> first = new HashMap<>();
        return steps.stream().map(step -> step.erasure() ? step
                : first.computeIfAbsent(step.profile() + "/" + step.id(), id -> step)).toList();
    }

    /**
     * One input: a change (eventId, status, purposes, minute after T0, with the wording a grant needs
     * or not) or an erasure request (its id; well formed or with a blank source).
     */
    record Step(String profile, String id, boolean erasure, ConsentStatus status, List<Purpose> purposes, int minute,
                boolean wellFormed) {

        /** Whether this change occurred at or before {@code instant} (an erasure request never does). */
        boolean before(final Instant instant) {
            return !erasure && !occurredAt().isAfter(instant);
        }

        Instant occurredAt() {
            return T0.plusSeconds(60L * minute);
        }

        boolean valid() {
            return erasure ? wellFormed : status != ConsentStatus.GRANTED || wellFormed;
        }

        /** As a CRM or a DPO desk sends it: an erasure request as JSON, a change as framed Avro. */
        byte[] value(final Topics topics) {
            if (erasure) {
                return ("{\"requestId\":\"" + id + "\",\"profileId\":\"" + profile + "\",\"requestedAt\":\""
                        + T0 + "\",\"source\":\"" + (wellFormed ? "dpo-desk" : " ") + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            final ConsentChange change = ConsentChange.newBuilder().setEventId(id).setProfileId(profile)
                    .setEmail(profile + "@example.org").setPurposes(purposes).setStatus(status)
                    .setOccurredAt(occurredAt()).setSource("crm")
                    .setWordingVersion(wellFormed ? "tracking-v3" : null).build();
            return topics.consentChanges().valueSerde().encode(topics.consentChanges().name(), change);
        }

        @Override
        public String toString() {
            return profile + (erasure ? " erase " + id + (wellFormed ? "" : "(blank source)")
                    : " " + id + ":" + status + purposes + "@" + minute + (wellFormed ? "" : "(no wording)"));
        }
    }

    /** One run of the real topology over a history, what it wrote, and what its stores hold at the end. */
    record Run(List<ConsentLedgerEntry> ledger, List<String> ledgerKeys,
               List<TestRecord<String, ConsentState>> stateRecords, List<TestRecord<String, ProfileKey>> keyRecords,
               List<RejectedRecord> rejected,
               Map<String, ConsentState> states, Map<String, ProfileKey> keys, Map<String, List<String>> seen) {

        List<ConsentLedgerEntry> entriesBeforeLastErasure(final String profile) {
            final List<ConsentLedgerEntry> own = own(profile);
            final int erased = lastErased(own);
            return erased < 0 ? List.of() : own.subList(0, erased);
        }

        List<ConsentLedgerEntry> entriesAfterLastErasure(final String profile) {
            final List<ConsentLedgerEntry> own = own(profile);
            return own.subList(lastErased(own) + 1, own.size());
        }

        private List<ConsentLedgerEntry> own(final String profile) {
            final List<ConsentLedgerEntry> own = new ArrayList<>();
            for (int i = 0; i < ledger.size(); i++) {
                if (ledgerKeys.get(i).equals(profile)) {
                    own.add(ledger.get(i));
                }
            }
            return own;
        }

        private static int lastErased(final List<ConsentLedgerEntry> entries) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).getEffect() == LedgerEffect.ERASED) {
                    return i;
                }
            }
            return -1;
        }

        static Run of(final List<Step> history) {
            final List<Integer> all = new ArrayList<>();
            for (int i = 0; i < history.size(); i++) {
                all.add(i);
            }
            return of(history, all);
        }

        /** A run over the steps of {@code history} at {@code indices}, each arriving when it does in the whole history. */
        static Run of(final List<Step> history, final List<Integer> indices) {
            try (TopologyHarness harness = TopologyHarness.start(new ConsentEventsApplication(), Map.of())) {
                final Topics topics = harness.topics();
                final TestInputTopic<String, byte[]> changes = harness.rawInput(topics.consentChanges());
                final TestInputTopic<String, byte[]> erasures = harness.rawInput(topics.erasureRequests());
                for (final int index : indices) {
                    final Step step = history.get(index);
                    (step.erasure() ? erasures : changes).pipeInput(step.profile(), step.value(topics), arrival(index));
                }
                final List<TestRecord<String, ConsentLedgerEntry>> ledger = harness.output(topics.consentLedger())
                        .readRecordsToList();
                final KeyValueStore<String, ConsentState> states = harness.store(ConsentStores.STATE_STORE);
                final KeyValueStore<String, ProfileKey> keys = harness.store(ConsentStores.KEY_STORE);
                final Map<String, ConsentState> finalStates = new HashMap<>();
                final Map<String, ProfileKey> finalKeys = new HashMap<>();
                final Map<String, List<String>> seen = new HashMap<>();
                for (final String profile : PROFILES) {
                    if (states.get(profile) != null) {
                        finalStates.put(profile, states.get(profile));
                    }
                    if (keys.get(profile) != null) {
                        finalKeys.put(profile, keys.get(profile));
                    }
                    seen.put(profile, ConsentStores.seenKeysOf(harness.store(ConsentStores.SEEN_STORE), profile)
                            .stream().sorted().toList());
                }
                return new Run(ledger.stream().map(TestRecord::value).toList(),
                        ledger.stream().map(TestRecord::key).toList(),
                        harness.output(topics.consentState()).readRecordsToList(),
                        harness.output(topics.profileKeys()).readRecordsToList(),
                        harness.output(topics.rejected()).readValuesToList(), finalStates, finalKeys, seen);
            }
        }
    }
}
