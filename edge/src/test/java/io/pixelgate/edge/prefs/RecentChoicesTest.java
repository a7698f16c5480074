package io.pixelgate.edge.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.edge.prefs.RecentChoices.FormVerdict;
import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentEvidence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentChoicesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final FormRules RULES = new FormRules(Duration.ofHours(1), 5, Duration.ofMinutes(1),
            Duration.ofSeconds(10), 100);

    private final HandTurnedLater later = new HandTurnedLater();
    private final List<ConsentChange> recordedLate = new ArrayList<>();

    @Test
    void fivePostsPassThenTheSixthWaitsTwelveSecondsAndTheRateRefills() {
        final RecentChoices choices = choices(RULES);

        for (int i = 0; i < 5; i++) {
            assertThat(choices.admit("p", T0)).as("post %d", i + 1).isEmpty();
        }
        assertThat(choices.admit("p", T0)).hasValue(Duration.ofSeconds(12));
        assertThat(choices.admit("other", T0)).as("another profile has its own rate").isEmpty();
        assertThat(choices.admit("p", T0.plusSeconds(12))).isEmpty();
        assertThat(choices.admit("p", T0.plusSeconds(13))).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12)));
    }

    @Test
    void aGrantingFormMustBeYoungerThanTheMaximumAgeAndShownAfterTheLatestChange() {
        final RecentChoices choices = choices(RULES);

        assertThat(choices.reserve("p", T0.minus(Duration.ofMinutes(61)), true, T0)).isEqualTo(FormVerdict.TOO_OLD);
        assertThat(choices.reserve("p", T0.minusSeconds(30), true, T0)).isEqualTo(FormVerdict.FRESH);
        assertThat(choices.reserve("p", T0.minusSeconds(30), true, T0.plusSeconds(1)))
                .as("the same form again").isEqualTo(FormVerdict.SUPERSEDED);
        assertThat(choices.reserve("p", T0, true, T0.plusSeconds(2)))
                .as("shown at the very instant of the change").isEqualTo(FormVerdict.SUPERSEDED);
        assertThat(choices.reserve("p", T0.plusMillis(1), true, T0.plusSeconds(3))).isEqualTo(FormVerdict.FRESH);
        assertThat(choices.reserve("p", T0.minus(Duration.ofDays(3)), false, T0.plusSeconds(4)))
                .as("a refusal only lowers tracking: never refused for its age").isEqualTo(FormVerdict.FRESH);
    }

    @Test
    void aCapturedAcceptFormNeverGrantsAgainAfterAWithdrawal() {
        final RecentChoices choices = choices(RULES);
        final Instant shown = T0.minusSeconds(5);
        assertThat(choices.reserve("p", shown, true, T0)).isEqualTo(FormVerdict.FRESH);

        assertThat(choices.withdrawNow(withdrawal("p", T0.plusSeconds(30)))).isTrue();

        assertThat(choices.reserve("p", shown, true, T0.plusSeconds(40))).isEqualTo(FormVerdict.SUPERSEDED);
        assertThat(choices.reserve("p", T0.plusSeconds(20), true, T0.plusSeconds(41)))
                .as("even one shown after the grant, before the withdrawal").isEqualTo(FormVerdict.SUPERSEDED);
    }

    @Test
    void withdrawalsWithinTheWindowAreAnsweredAndTheLastOfThemIsRecordedWhenItCloses() {
        final RecentChoices choices = choices(RULES);

        assertThat(choices.withdrawNow(withdrawal("p", T0))).isTrue();
        assertThat(choices.withdrawNow(withdrawal("p", T0.plusSeconds(1)))).isFalse();
        assertThat(choices.withdrawNow(withdrawal("p", T0.plusSeconds(2)))).isFalse();

        assertThat(later.delays).containsExactly(Duration.ofSeconds(9));
        assertThat(recordedLate).isEmpty();
        later.runAll();
        assertThat(recordedLate).extracting(ConsentChange::getOccurredAt).containsExactly(T0.plusSeconds(2));
        assertThat(choices.withdrawNow(withdrawal("p", T0.plusSeconds(11)))).as("within the window of the last record")
                .isFalse();
        assertThat(choices.withdrawNow(withdrawal("p", T0.plusSeconds(13)))).isTrue();
    }

    @Test
    void aWithdrawalAfterAnotherChangeIsRecordedAtOnceAndAPendingOneGoesFirst() {
        final RecentChoices choices = choices(RULES);
        assertThat(choices.withdrawNow(withdrawal("p", T0))).isTrue();
        assertThat(choices.withdrawNow(withdrawal("p", T0.plusSeconds(1)))).isFalse();

        assertThat(choices.reserve("p", T0.plusSeconds(2), true, T0.plusSeconds(3))).isEqualTo(FormVerdict.FRESH);

        assertThat(recordedLate).as("the pending withdrawal, recorded before the grant").hasSize(1);
        assertThat(choices.withdrawNow(withdrawal("p", T0.plusSeconds(4)))).as("after a grant").isTrue();
        later.runAll();
        assertThat(recordedLate).hasSize(1);
    }

    @Test
    void aFormShownBeforeAPendingWithdrawalIsStaleToo() {
        final RecentChoices choices = choices(RULES);
        assertThat(choices.withdrawNow(withdrawal("p", T0))).isTrue();
        assertThat(choices.withdrawNow(withdrawal("p", T0.plusSeconds(5)))).isFalse();

        assertThat(choices.reserve("p", T0.plusSeconds(3), true, T0.plusSeconds(6))).isEqualTo(FormVerdict.SUPERSEDED);
    }

    @Test
    void memoryIsBoundedAndAForgottenProfilesPendingWithdrawalIsRecordedNotLost() {
        final RecentChoices choices = choices(new FormRules(Duration.ofHours(1), 5, Duration.ofMinutes(1),
                Duration.ofSeconds(10), 2));
        assertThat(choices.withdrawNow(withdrawal("a", T0))).isTrue();
        assertThat(choices.withdrawNow(withdrawal("a", T0.plusSeconds(1)))).isFalse();

        choices.admit("b", T0.plusSeconds(2));
        choices.admit("c", T0.plusSeconds(3));

        assertThat(recordedLate).extracting(ConsentChange::getProfileId).containsExactly("a");
        assertThat(choices.withdrawNow(withdrawal("a", T0.plusSeconds(4)))).as("forgotten: recorded at once").isTrue();
    }

    @Test
    void closingRecordsEveryPendingWithdrawal() {
        final RecentChoices choices = choices(RULES);
        choices.withdrawNow(withdrawal("a", T0));
        choices.withdrawNow(withdrawal("a", T0.plusSeconds(1)));
        choices.withdrawNow(withdrawal("b", T0));
        choices.withdrawNow(withdrawal("b", T0.plusSeconds(2)));

        choices.close();

        assertThat(recordedLate).extracting(ConsentChange::getProfileId).containsExactlyInAnyOrder("a", "b");
    }

    private RecentChoices choices(final FormRules rules) {
        return new RecentChoices(rules, later, recordedLate::add);
    }

    static ConsentChange withdrawal(final String profileId, final Instant at) {
        return PreferenceChanges.changes(new Decision.WithdrawAll(), profileId, null, at, null,
                new ConsentEvidence(null, null), "w-" + at.toEpochMilli()).get(0);
    }

    /** Tasks run when the test says so. */
    static final class HandTurnedLater implements RecentChoices.Later {
        final List<Duration> delays = new ArrayList<>();
        private final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void after(final Duration delay, final Runnable task) {
            delays.add(delay);
            tasks.add(task);
        }

        void runAll() {
            final List<Runnable> due = new ArrayList<>(tasks);
            tasks.clear();
            due.forEach(Runnable::run);
        }
    }
}
