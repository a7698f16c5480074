package io.pixelgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConsentTimelineTest {

    private static final Duration HORIZON = Duration.ofMinutes(4);
    private static final Population POPULATION = Population.generate(10_000, new SplittableRandom(3));

    @Test
    void aboutHalfOfTheAnswersAreImportedAtTheStartAndTheRestArriveWithinTheHorizon() {
        // given a fresh CRM timeline
        final ConsentTimeline crm = new ConsentTimeline(POPULATION, HORIZON, new SplittableRandom(1));
        final long answerers = POPULATION.all().stream()
                .filter(profile -> profile.answer().kind() != ConsentAnswer.Kind.NEVER).count();

        // when the start and then the whole horizon pass
        final List<CrmEvent> atStart = crm.due(0);
        final List<CrmEvent> later = crm.due(HORIZON.toMillis());

        // then half came with the import, every answerer answered exactly once, nobody silent did
        assertThat(atStart).allMatch(event -> event.method() == ConsentMethod.CRM_IMPORT);
        assertThat(atStart.size() / (double) answerers).isCloseTo(ConsentTimeline.KNOWN_AT_START, within(0.03));
        final List<CrmEvent> all = new ArrayList<>(atStart);
        all.addAll(later);
        assertThat(all).hasSize((int) answerers);
        assertThat(all).extracting(event -> event.profile().id()).doesNotHaveDuplicates();
        assertThat(all).allMatch(event -> event.profile().answer().kind() != ConsentAnswer.Kind.NEVER);
        assertThat(all).allMatch(event -> (event.status() == ConsentStatus.GRANTED)
                == (event.profile().answer().kind() == ConsentAnswer.Kind.GRANT));
        assertThat(crm.due(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aConsentRequestBringsSomeLaterAnswersForwardThroughTheEmailsLink() {
        // given a timeline past its import
        final ConsentTimeline crm = new ConsentTimeline(POPULATION, HORIZON, new SplittableRandom(2));
        crm.due(0);

        // when everyone not answered yet is asked at second 1
        final SplittableRandom random = new SplittableRandom(9);
        final Set<String> asked = new HashSet<>();
        for (Optional<Profile> next = crm.nextToAsk(); next.isPresent(); next = crm.nextToAsk()) {
            asked.add(next.get().id());
            crm.asked(next.get(), 1_000, Duration.ofSeconds(30), random);
        }

        // then answers come within the next 30 s, from asked people only, by the email's link
        final List<CrmEvent> soon = crm.due(31_000);
        assertThat(soon).isNotEmpty().allMatch(event -> asked.contains(event.profile().id()));
        assertThat(soon).filteredOn(event -> event.method() == ConsentMethod.CONSENT_EMAIL_LINK).isNotEmpty();
        // and nobody is asked twice
        assertThat(crm.nextToAsk()).isEmpty();
    }

    @Test
    void someoneWhoWithdrewOnThePreferencesPageGetsNoLaterAnswerFromTheCrm() {
        // given someone whose grant the CRM did not import at the start
        final ConsentTimeline crm = new ConsentTimeline(POPULATION, HORIZON, new SplittableRandom(4));
        final Set<Profile> imported = new HashSet<>();
        crm.due(0).forEach(event -> imported.add(event.profile()));
        final Profile later = POPULATION.all().stream()
                .filter(profile -> profile.answer().kind() == ConsentAnswer.Kind.GRANT && !imported.contains(profile))
                .findFirst().orElseThrow();

        // when they withdraw on the preferences page before their answer reached the CRM
        crm.withdrew(later);

        // then the CRM never publishes that older answer

        assertThat(crm.due(HORIZON.toMillis())).noneMatch(event -> event.profile().equals(later));
    }
}
