package io.pixelgate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.Purpose;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.consent.Consents;
import io.pixelgate.testkit.TopologyHarness;
import java.time.Duration;
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

/**
 * Bounding {@code consent-seen-events} (two days here) changes no consent: over generated histories
 * of one profile's changes and replays arriving days apart, the wall clock moving with them, a run
 * that forgets seen changes ends as a run that remembers them for ten years.
 */
class SeenRetentionProperties {

    private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");
    private static final String BOUNDED = "P2D";
    private static final String UNBOUNDED = "P3650D";

    @Property(tries = 30)
    void forgettingSeenChangesChangesNoStateOnlyHowReplaysAreLedgered(
            @ForAll("stampedBehind") final List<Delivery> history) {
        final Run bounded = Run.of(history, BOUNDED);
        final Run remembering = Run.of(history, UNBOUNDED);

        assertThat(bounded.state()).isEqualTo(remembering.state());
        assertThat(bounded.effects()).hasSameSizeAs(remembering.effects());
        for (int i = 0; i < bounded.effects().size(); i++) {
            final LedgerEffect remembered = remembering.effects().get(i);
            assertThat(bounded.effects().get(i)).isIn(remembered == LedgerEffect.DUPLICATE
                    ? List.of(LedgerEffect.DUPLICATE, LedgerEffect.OUT_OF_ORDER) : List.of(remembered));
        }
    }

    @Property(tries = 40)
    void forgettingSeenChangesNeverGrantsWhatRememberingThemWouldNot(
            @ForAll("anyStamp") final List<Delivery> history) {
        final Run bounded = Run.of(history, BOUNDED);
        final Run remembering = Run.of(history, UNBOUNDED);

        final Instant end = history.get(history.size() - 1).arrival();
        for (final Purpose purpose : Purpose.values()) {
            if (Consents.granted(bounded.finalState(), purpose, end)) {
                assertThat(Consents.granted(remembering.finalState(), purpose, end)).as(purpose.name()).isTrue();
            }
        }
    }

    @Provide
    Arbitrary<List<Delivery>> stampedBehind() {
        return histories(0);
    }

    @Provide
    Arbitrary<List<Delivery>> anyStamp() {
        return histories(-10);
    }

    /** Changes stamped between {@code -minBehind} minutes ahead of and ten minutes behind their first arrival. */
    private static Arbitrary<List<Delivery>> histories(final int minBehind) {
        final Arbitrary<Event> event = Combinators.combine(Arbitraries.subsetOf(Purpose.values()).ofMinSize(1),
                Arbitraries.of(ConsentStatus.class), Arbitraries.integers().between(minBehind, 10))
            .as((purposes, status, behind) -> new Event(List.copyOf(purposes), status, behind));
        // minutes apart (changes made in a row) or days apart (past the memory of two days)
        final Arbitrary<Integer> gap = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.integers().between(0, 20)),
                Tuple.of(1, Arbitraries.integers().between(2 * 24 * 60, 4 * 24 * 60)));
        final Arbitrary<int[]> step = Combinators.combine(Arbitraries.integers().between(0, 3), gap)
                .as((index, minutes) -> new int[] {index, minutes});
        return Combinators.combine(event.list().ofSize(4), step.list().ofMinSize(1).ofMaxSize(12))
                .as(SeenRetentionProperties::deliveries);
    }

    private static List<Delivery> deliveries(final List<Event> events, final List<int[]> steps) {
        final Map<Integer, Instant> occurred = new HashMap<>();
        final List<Delivery> deliveries = new ArrayList<>();
        Instant arrival = BASE;
        for (final int[] step : steps) {
            arrival = arrival.plus(Duration.ofMinutes(step[1]));
            final Event event = events.get(step[0]);
            // stamped relative to its first arrival; later deliveries of it are replays
            final Instant first = arrival;
            final Instant occurredAt = occurred.computeIfAbsent(step[0],
                    index -> first.minus(Duration.ofMinutes(event.behind())));
            deliveries.add(new Delivery(ConsentChange.newBuilder().setEventId("e" + step[0]).setProfileId("p-1")
                    .setPurposes(event.purposes()).setStatus(event.status()).setOccurredAt(occurredAt)
                    .setSource("crm").setWordingVersion(event.status() == ConsentStatus.GRANTED ? "v1" : null)
                    .build(), arrival));
        }
        return deliveries;
    }

    record Event(List<Purpose> purposes, ConsentStatus status, int behind) {
    }

    record Delivery(ConsentChange change, Instant arrival) {
        @Override
        public String toString() {
            return change.getEventId() + ":" + change.getStatus() + change.getPurposes() + "@"
                    + change.getOccurredAt() + " arrived " + arrival;
        }
    }

    record Run(ConsentState finalState, List<LedgerEffect> effects) {

        List<String> state() {
            return finalState == null ? List.of() : finalState.getPurposes().stream()
                    .map(e -> e.getPurpose() + "=" + e.getStatus() + "@" + e.getSince() + "/" + e.getEventId())
                    .sorted().toList();
        }

        static Run of(final List<Delivery> history, final String seenRetention) {
            try (TopologyHarness harness = TopologyHarness.start(new ConsentEventsApplication(),
                    Map.of(ConsentSettings.SEEN_RETENTION.key(), seenRetention), BASE)) {
                final Topics topics = harness.topics();
                final TestInputTopic<String, byte[]> input = harness.rawInput(topics.consentChanges());
                Instant wallClock = BASE;
                for (final Delivery delivery : history) {
                    // the wall clock moves with the arrivals, so the hourly sweep runs between them
                    harness.driver().advanceWallClockTime(Duration.between(wallClock, delivery.arrival()));
                    wallClock = delivery.arrival();
                    input.pipeInput("p-1", topics.consentChanges().valueSerde()
                            .encode(topics.consentChanges().name(), delivery.change()), delivery.arrival());
                }
                return new Run(harness.<String, ConsentState>store(ConsentStores.STATE_STORE).get("p-1"),
                        harness.output(topics.consentLedger()).readValuesToList().stream()
                                .map(ConsentLedgerEntry::getEffect).toList());
            }
        }
    }
}
