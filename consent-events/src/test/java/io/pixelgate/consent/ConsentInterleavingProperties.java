package io.pixelgate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.consent.Consents;
import io.pixelgate.testkit.TopologyHarness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.streams.TestInputTopic;

/**
 * The consent rules of SPEC.md section 1 as properties over generated interleavings of one
 * profile's changes: shuffled, replayed, with expiries, some without the wording a grant needs.
 */
class ConsentInterleavingProperties {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Property(tries = 120)
    void finalStateOfEachPurposeIsThatOfItsLatestValidChange(@ForAll("histories") final History history) {
        final Run run = Run.of(history.delivery());

        for (final Purpose purpose : Purpose.values()) {
            final Optional<ConsentChange> latest = latestValidChangeSetting(purpose, history.events());
            final Optional<PurposeConsent> actual = Consents.entry(run.finalState(), purpose);
            assertThat(actual.map(PurposeConsent::getEventId)).isEqualTo(latest.map(ConsentChange::getEventId));
            assertThat(actual.map(PurposeConsent::getStatus)).isEqualTo(latest.map(ConsentChange::getStatus));
        }
    }

    @Property(tries = 120)
    void noPurposeIsEverGrantedWithoutAGrantThatNamesItsWording(@ForAll("histories") final History history) {
        final Run run = Run.of(history.delivery());

        for (final ConsentState state : run.states()) {
            for (final PurposeConsent entry : state.getPurposes()) {
                if (entry.getStatus() == ConsentStatus.GRANTED) {
                    assertThat(history.events()).anySatisfy(event -> {
                        assertThat(event.getEventId()).isEqualTo(entry.getEventId());
                        assertThat(event.getStatus()).isEqualTo(ConsentStatus.GRANTED);
                        assertThat(event.getPurposes()).contains(entry.getPurpose());
                        assertThat(event.getWordingVersion()).isNotBlank();
                    });
                }
            }
        }
    }

    @Property(tries = 120)
    void everyInputEndsInTheLedgerOrInRejectedAndNoneIsLost(@ForAll("histories") final History history) {
        final Run run = Run.of(history.delivery());

        assertThat(run.ledger().size() + run.rejected().size()).isEqualTo(history.delivery().size());
        final long invalid = history.delivery().stream().filter(e -> !valid(e)).count();
        assertThat(run.rejected()).hasSize((int) invalid);
    }

    @Property(tries = 120)
    void expiredGrantsNeverCount(@ForAll("histories") final History history) {
        final Run run = Run.of(history.delivery());

        for (final PurposeConsent entry : Optional.ofNullable(run.finalState())
                .map(ConsentState::getPurposes).orElse(List.of())) {
            if (entry.getExpiresAt() != null) {
                assertThat(Consents.granted(run.finalState(), entry.getPurpose(), entry.getExpiresAt())).isFalse();
            }
        }
    }

    /** The change a purpose should end with: the latest by (occurredAt, eventId) of those that set it. */
    private static Optional<ConsentChange> latestValidChangeSetting(final Purpose purpose,
                                                                    final List<ConsentChange> events) {
        return events.stream()
                .filter(ConsentInterleavingProperties::valid)
                .filter(e -> ConsentStateMachine.purposesSetBy(e).contains(purpose))
                .max(Comparator.comparing(ConsentChange::getOccurredAt).thenComparing(ConsentChange::getEventId));
    }

    private static boolean valid(final ConsentChange change) {
        return change.getStatus() != ConsentStatus.GRANTED || change.getWordingVersion() != null;
    }

    @Provide
    Arbitrary<History> histories() {
        final Arbitrary<ConsentChange> event = Combinators.combine(
                Arbitraries.subsetOf(Purpose.values()).ofMinSize(1),
                Arbitraries.of(ConsentStatus.class),
                Arbitraries.integers().between(0, 20),
                Arbitraries.of("tracking-v3", "tracking-v4").injectNull(0.15),
                Arbitraries.integers().between(1, 30).injectNull(0.7))
            .as((purposes, status, minute, wording, expiresInMinutes) -> ConsentChange.newBuilder()
                .setEventId("pending").setProfileId("p-1").setPurposes(List.copyOf(purposes)).setStatus(status)
                .setOccurredAt(T0.plusSeconds(60L * minute)).setSource("crm").setWordingVersion(wording)
                .setExpiresAt(expiresInMinutes == null ? null : T0.plusSeconds(60L * (minute + expiresInMinutes)))
                .build());
        return Combinators.combine(event.list().ofMinSize(1).ofMaxSize(12), Arbitraries.longs())
                .as(History::of);
    }

    /** Distinct events, and the order they are delivered in: shuffled, some replayed. */
    record History(List<ConsentChange> events, List<ConsentChange> delivery) {
        static History of(final List<ConsentChange> generated, final long seed) {
            final List<ConsentChange> events = new ArrayList<>();
            for (int i = 0; i < generated.size(); i++) {
                events.add(ConsentChange.newBuilder(generated.get(i)).setEventId("e" + i).build());
            }
            final Random random = new Random(seed);
            final List<ConsentChange> delivery = new ArrayList<>(events);
            events.stream().filter(e -> random.nextInt(4) == 0).forEach(delivery::add);
            Collections.shuffle(delivery, random);
            return new History(events, delivery);
        }

        @Override
        public String toString() {
            return delivery.stream().map(e -> e.getEventId() + ":" + e.getStatus() + e.getPurposes() + "@"
                    + e.getOccurredAt().toString().substring(11, 16) + (e.getWordingVersion() == null ? "(no wording)" : ""))
                    .collect(Collectors.joining(", "));
        }
    }

    /** One run of the real topology over a delivery order, and everything it wrote. */
    record Run(List<ConsentState> states, List<ConsentLedgerEntry> ledger, List<RejectedRecord> rejected) {

        ConsentState finalState() {
            return states.isEmpty() ? null : states.get(states.size() - 1);
        }

        static Run of(final List<ConsentChange> delivery) {
            try (TopologyHarness harness = TopologyHarness.start(new ConsentEventsApplication(), Map.of())) {
                final Topics topics = harness.topics();
                final TestInputTopic<String, byte[]> input = harness.rawInput(topics.consentChanges());
                // every change reaches the cluster after it occurred, as a CRM's changes do: the
                // order of arrival is the shuffle, the order of effect their occurredAt
                Instant wallClock = T0.plusSeconds(3600);
                for (final ConsentChange change : delivery) {
                    input.pipeInput(change.getProfileId(),
                            topics.consentChanges().valueSerde().encode(topics.consentChanges().name(), change),
                            wallClock);
                    wallClock = wallClock.plusSeconds(1);
                }
                return new Run(
                        harness.output(topics.consentState()).readValuesToList(),
                        harness.output(topics.consentLedger()).readValuesToList(),
                        harness.output(topics.rejected()).readValuesToList());
            }
        }
    }

}
