package io.pixelgate.edge.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentEvidence;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.schemas.consent.Consents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What a decision on the preferences page records (SPEC.md section 1: only an explicit GRANTED
 * grants; withdrawing OPEN_MEASUREMENT withdraws its dependants), and that nothing in it is left
 * to the order of its changes.
 */
class PreferenceChangesProperties {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant SHOWN = Instant.parse("2026-11-22T09:58:00Z");
    private static final ConsentEvidence EVIDENCE = new ConsentEvidence("203.0.113.0/24", "Mozilla/5.0");

    @Property(tries = 200)
    void exactlyTheTickedPurposesAreGrantedAndEveryOtherIsDenied(@ForAll("recordable") final Set<Purpose> ticked) {
        final List<ConsentChange> changes = record(new Decision.Accept(ticked));

        assertThat(purposesWith(changes, ConsentStatus.GRANTED)).isEqualTo(ticked);
        assertThat(purposesWith(changes, ConsentStatus.DENIED))
                .isEqualTo(Set.of(Purpose.values()).stream().filter(p -> !ticked.contains(p)).collect(Collectors.toSet()));
        assertThat(changes).allSatisfy(PreferenceChangesProperties::isAPreferencePageChange);
    }

    @Property(tries = 200)
    void aPurposeTickedWithoutTheOneItNeedsIsNeverRecorded(@ForAll("ticked") final Set<Purpose> ticked) {
        final Decision decision = new Decision.Accept(ticked);
        final Map<Purpose, Purpose> unmet = PreferenceChanges.unmetNeeds(decision);

        final boolean needsMet = ticked.stream().allMatch(purpose -> Set.of(Purpose.values()).stream()
                .noneMatch(needed -> Consents.dependantsOf(needed).contains(purpose) && !ticked.contains(needed)));
        assertThat(unmet.isEmpty()).isEqualTo(needsMet);
        unmet.forEach((purpose, needed) -> {
            assertThat(ticked).contains(purpose).doesNotContain(needed);
            assertThat(Consents.dependantsOf(needed)).contains(purpose);
        });
        if (!needsMet) {
            assertThatThrownBy(() -> record(decision)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 200)
    void theChangesOfOneSubmissionNeverNameNorImplyTheSamePurpose(@ForAll("recordableDecisions") final Decision decision) {
        final List<ConsentChange> changes = record(decision);

        final Set<Purpose> seen = EnumSet.noneOf(Purpose.class);
        for (final ConsentChange change : changes) {
            final Set<Purpose> set = purposesSetBy(change);
            assertThat(Collections.disjoint(set, seen)).as("%s overlaps an earlier change of the same submission", change)
                    .isTrue();
            seen.addAll(set);
        }
        assertThat(seen).as("a form is a complete answer").containsExactlyInAnyOrder(Purpose.values());
    }

    @Property(tries = 200)
    void inWhateverOrderItsChangesAreAppliedASubmissionLeavesTheSameState(
            @ForAll("recordableDecisions") final Decision decision, @ForAll("seeds") final long seed) {
        final List<ConsentChange> changes = record(decision);
        final List<ConsentChange> shuffled = new ArrayList<>(changes);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(stateAfter(shuffled)).isEqualTo(stateAfter(changes)).isEqualTo(PreferenceChanges.outcome(decision));
    }

    @Property(tries = 50)
    void aSubmissionAlwaysYieldsTheSameRecordsWithDistinctIds(@ForAll("recordableDecisions") final Decision decision) {
        final List<ConsentChange> once = record(decision);

        assertThat(record(decision)).isEqualTo(once);
        assertThat(once.stream().map(ConsentChange::getEventId).distinct().count()).isEqualTo(once.size());
        assertThat(once).allSatisfy(change -> assertThat(change.getEventId()).startsWith("sub-1-"));
    }

    @Property(tries = 20)
    void refusingOrWithdrawingNeverGrantsAnything(@ForAll("refusals") final Decision decision) {
        final List<ConsentChange> changes = record(decision);

        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).getStatus()).isNotEqualTo(ConsentStatus.GRANTED);
        assertThat(changes.get(0).getPurposes()).containsExactlyInAnyOrder(Purpose.values());
        assertThat(changes).allSatisfy(PreferenceChangesProperties::isAPreferencePageChange);
    }

    @Property(tries = 50)
    void aFormThatCannotBeReadRecordsNothing(@ForAll("unreadable") final String decision) {
        assertThat(Decision.fromForm(decision, List.of("OPEN_MEASUREMENT"))).isEmpty();
        assertThat(Decision.fromForm("accept", List.of(decision))).isEmpty();
    }

    private static List<ConsentChange> record(final Decision decision) {
        return PreferenceChanges.changes(decision, "p-1", "preferences-v2.fr", NOW, SHOWN, EVIDENCE, "sub-1");
    }

    /** What consent-events sets from a change: the purposes named, and the dependants of a lost OPEN_MEASUREMENT. */
    private static Set<Purpose> purposesSetBy(final ConsentChange change) {
        final Set<Purpose> purposes = EnumSet.copyOf(change.getPurposes());
        if (change.getStatus() != ConsentStatus.GRANTED && purposes.contains(Purpose.OPEN_MEASUREMENT)) {
            purposes.addAll(Consents.dependantsOf(Purpose.OPEN_MEASUREMENT));
        }
        return purposes;
    }

    /** The status per purpose after applying {@code changes} in order, all at one instant, each overriding. */
    private static Map<Purpose, ConsentStatus> stateAfter(final List<ConsentChange> changes) {
        final Map<Purpose, ConsentStatus> state = new EnumMap<>(Purpose.class);
        for (final ConsentChange change : changes) {
            purposesSetBy(change).forEach(purpose -> state.put(purpose, change.getStatus()));
        }
        return state;
    }

    private static void isAPreferencePageChange(final ConsentChange change) {
        assertThat(change.getProfileId()).isEqualTo("p-1");
        assertThat(change.getMethod()).isEqualTo(ConsentMethod.PREFERENCE_PAGE);
        assertThat(change.getSource()).isEqualTo("edge");
        assertThat(change.getWordingVersion()).isEqualTo("preferences-v2.fr");
        assertThat(change.getOccurredAt()).isEqualTo(NOW);
        assertThat(change.getFormShownAt()).isEqualTo(SHOWN);
        assertThat(change.getEmail()).as("the page never asks for the email address").isNull();
        assertThat(change.getExpiresAt()).isNull();
        assertThat(change.getEvidence()).isEqualTo(EVIDENCE);
        assertThat(change.getPurposes()).isNotEmpty();
    }

    private static Set<Purpose> purposesWith(final List<ConsentChange> changes, final ConsentStatus status) {
        return changes.stream().filter(c -> c.getStatus() == status).flatMap(c -> c.getPurposes().stream())
                .collect(Collectors.toSet());
    }

    @Provide
    Arbitrary<Set<Purpose>> ticked() {
        return Arbitraries.of(Purpose.class).set();
    }

    @Provide
    Arbitrary<Set<Purpose>> recordable() {
        return ticked().filter(set -> PreferenceChanges.unmetNeeds(new Decision.Accept(set)).isEmpty());
    }

    @Provide
    Arbitrary<Decision> recordableDecisions() {
        return Arbitraries.oneOf(recordable().map(Decision.Accept::new), refusals());
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Decision> refusals() {
        return Arbitraries.of(new Decision.Refuse(), new Decision.WithdrawAll(), new Decision.Accept(Set.of()));
    }

    @Provide
    Arbitrary<String> unreadable() {
        return Arbitraries.strings().ofMaxLength(20).filter(s -> !s.equals("accept") && !s.equals("refuse")
                && !Set.of("OPEN_MEASUREMENT", "ENGAGEMENT_PROFILING", "CROSS_CHANNEL").contains(s));
    }
}
