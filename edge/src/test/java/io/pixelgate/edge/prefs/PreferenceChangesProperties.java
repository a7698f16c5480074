package io.pixelgate.edge.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentEvidence;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What a decision on the preferences page records (SPEC.md section 1: only an explicit GRANTED grants). */
class PreferenceChangesProperties {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final ConsentEvidence EVIDENCE = new ConsentEvidence("203.0.113.0/24", "Mozilla/5.0");

    @Property(tries = 200)
    void exactlyTheTickedPurposesAreGrantedAndEveryOtherIsDenied(@ForAll("ticked") final Set<Purpose> ticked) {
        final List<ConsentChange> changes = record(new Decision.Accept(ticked));

        assertThat(purposesWith(changes, ConsentStatus.GRANTED)).isEqualTo(ticked);
        assertThat(purposesWith(changes, ConsentStatus.DENIED))
                .isEqualTo(Set.of(Purpose.values()).stream().filter(p -> !ticked.contains(p)).collect(Collectors.toSet()));
        assertThat(changes).allSatisfy(PreferenceChangesProperties::isAPreferencePageChange);
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
        return PreferenceChanges.changes(decision, "p-1", "preferences-v1.fr", NOW, EVIDENCE,
                () -> UUID.randomUUID().toString());
    }

    private static void isAPreferencePageChange(final ConsentChange change) {
        assertThat(change.getProfileId()).isEqualTo("p-1");
        assertThat(change.getMethod()).isEqualTo(ConsentMethod.PREFERENCE_PAGE);
        assertThat(change.getSource()).isEqualTo("edge");
        assertThat(change.getWordingVersion()).isEqualTo("preferences-v1.fr");
        assertThat(change.getOccurredAt()).isEqualTo(NOW);
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
    Arbitrary<Decision> refusals() {
        return Arbitraries.of(new Decision.Refuse(), new Decision.WithdrawAll(), new Decision.Accept(Set.of()));
    }

    @Provide
    Arbitrary<String> unreadable() {
        return Arbitraries.strings().ofMaxLength(20).filter(s -> !s.equals("accept") && !s.equals("refuse")
                && !Set.of("OPEN_MEASUREMENT", "ENGAGEMENT_PROFILING", "CROSS_CHANNEL").contains(s));
    }
}
