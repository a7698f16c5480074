package io.pixelgate.edge.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.edge.prefs.RecentChoices.FormVerdict;
import io.pixelgate.events.ConsentChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The privacy rules of the preferences POSTs over any sequence of page views, form posts and
 * withdrawals by one person (and whoever captured their forms), with time passing in between:
 * a form shown before a withdrawal never grants, and the latest choice is always the one recorded last.
 */
class RecentChoicesProperties {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final FormRules RULES = new FormRules(Duration.ofMinutes(30), 5, Duration.ofMinutes(1),
            Duration.ofSeconds(10), 1000);

    @Property(tries = 500)
    void aFormShownBeforeAWithdrawalNeverGrantsAndTheLatestChoiceIsRecordedLast(
            @ForAll("steps") final List<Step> steps) {
        final Simulation simulation = new Simulation();

        for (final Step step : steps) {
            simulation.apply(step);
        }
        simulation.stop();

        for (final Grant grant : simulation.grants) {
            assertThat(simulation.withdrawalRequests).as("withdrawals between the form being shown and its grant")
                    .noneMatch(at -> !at.isBefore(grant.shownAt()) && !at.isAfter(grant.at()));
        }
        final Optional<Instant> lastChoice = simulation.choices.stream().max(Comparator.naturalOrder());
        final Optional<Instant> lastRecord = simulation.records.stream().max(Comparator.naturalOrder());
        assertThat(lastRecord).as("the latest record is the latest choice").isEqualTo(lastChoice);
        assertThat(simulation.records.size()).isLessThanOrEqualTo(simulation.choices.size());
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        final Arbitrary<Step> step = Arbitraries.oneOf(
                Arbitraries.just(new Step(Kind.SHOW, 0)),
                Arbitraries.integers().between(0, 9).map(i -> new Step(Kind.GRANT, i)),
                Arbitraries.integers().between(0, 9).map(i -> new Step(Kind.REFUSE, i)),
                Arbitraries.just(new Step(Kind.WITHDRAW, 0)),
                Arbitraries.integers().between(1, 25_000).map(ms -> new Step(Kind.WAIT, ms)));
        return step.list().ofMaxSize(60);
    }

    enum Kind { SHOW, GRANT, REFUSE, WITHDRAW, WAIT }

    /** One thing happening: a page shown, the form shown n-th posted, a withdrawal, or time passing. */
    record Step(Kind kind, int value) {
    }

    record Grant(Instant shownAt, Instant at) {
    }

    /** One profile's POSTs through {@link RecentChoices}, on a simulated clock. */
    private static final class Simulation {
        private final List<Instant> shown = new ArrayList<>();
        private final List<Grant> grants = new ArrayList<>();
        private final List<Instant> withdrawalRequests = new ArrayList<>();
        private final List<Instant> choices = new ArrayList<>();
        private final List<Instant> records = new ArrayList<>();
        private final List<Due> due = new ArrayList<>();
        private final RecentChoices recent = new RecentChoices(RULES,
                (delay, task) -> due.add(new Due(now().plus(delay), task)), change -> records.add(change.getOccurredAt()));
        private Instant now = T0;

        void apply(final Step step) {
            switch (step.kind()) {
                case SHOW -> shown.add(now);
                case GRANT -> post(step.value(), true);
                case REFUSE -> post(step.value(), false);
                case WITHDRAW -> withdraw();
                case WAIT -> advance(Duration.ofMillis(step.value()));
            }
            advance(Duration.ofMillis(1)); // no two steps at one instant
        }

        private void post(final int form, final boolean granting) {
            if (shown.isEmpty()) {
                return;
            }
            final Instant shownAt = shown.get(form % shown.size());
            if (recent.reserve("p", shownAt, granting, now) == FormVerdict.FRESH) {
                choices.add(now);
                records.add(now);
                if (granting) {
                    grants.add(new Grant(shownAt, now));
                }
            }
        }

        private void withdraw() {
            withdrawalRequests.add(now);
            choices.add(now);
            if (recent.withdrawNow(RecentChoicesTest.withdrawal("p", now))) {
                records.add(now);
            }
        }

        private void advance(final Duration duration) {
            now = now.plus(duration);
            boolean ran = true;
            while (ran) {
                ran = false;
                for (final Due task : List.copyOf(due)) {
                    if (!task.at().isAfter(now)) {
                        due.remove(task);
                        task.task().run();
                        ran = true;
                    }
                }
            }
        }

        void stop() {
            recent.close();
        }

        private Instant now() {
            return now;
        }
    }

    private record Due(Instant at, Runnable task) {
    }
}
