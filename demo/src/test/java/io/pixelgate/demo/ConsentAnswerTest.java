package io.pixelgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pixelgate.events.Purpose;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConsentAnswerTest {

    private static final int PEOPLE = 40_000;

    @Test
    void theMixIsAboutHalfGrantingAFifthRefusingAndTheRestSilent() {
        // given a large population's answers
        final List<ConsentAnswer> answers = draw(PEOPLE, 7);

        // then the shares are those announced, within sampling noise
        assertThat(share(answers, ConsentAnswer.Kind.GRANT)).isCloseTo(ConsentAnswer.GRANT_SHARE, within(0.01));
        assertThat(share(answers, ConsentAnswer.Kind.DENY)).isCloseTo(ConsentAnswer.DENY_SHARE, within(0.01));
        assertThat(share(answers, ConsentAnswer.Kind.NEVER))
                .isCloseTo(1 - ConsentAnswer.GRANT_SHARE - ConsentAnswer.DENY_SHARE, within(0.01));
    }

    @Test
    void ofThoseWhoGrantSomeAlsoGrantProfilingAndFewerCrossChannel() {
        // given the grants of a large population
        final List<ConsentAnswer> grants = draw(PEOPLE, 11).stream()
                .filter(answer -> answer.kind() == ConsentAnswer.Kind.GRANT).toList();

        // then every grant includes open measurement, which the other purposes need
        assertThat(grants).allMatch(answer -> answer.purposes().contains(Purpose.OPEN_MEASUREMENT));
        assertThat(fraction(grants, Purpose.ENGAGEMENT_PROFILING))
                .isCloseTo(ConsentAnswer.PROFILING_SHARE, within(0.02));
        assertThat(fraction(grants, Purpose.CROSS_CHANNEL)).isCloseTo(ConsentAnswer.CROSS_CHANNEL_SHARE, within(0.02));
    }

    @Test
    void aRefusalNamesEveryPurposeAndSilenceNone() {
        final List<ConsentAnswer> answers = draw(2_000, 3);

        assertThat(answers).filteredOn(answer -> answer.kind() == ConsentAnswer.Kind.DENY)
                .allMatch(answer -> answer.purposes().size() == Purpose.values().length);
        assertThat(answers).filteredOn(answer -> answer.kind() == ConsentAnswer.Kind.NEVER)
                .allMatch(answer -> answer.purposes().isEmpty());
    }

    private static List<ConsentAnswer> draw(final int count, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        return IntStream.range(0, count).mapToObj(i -> ConsentAnswer.draw(random)).toList();
    }

    private static double share(final List<ConsentAnswer> answers, final ConsentAnswer.Kind kind) {
        return answers.stream().filter(answer -> answer.kind() == kind).count() / (double) answers.size();
    }

    private static double fraction(final List<ConsentAnswer> grants, final Purpose purpose) {
        return grants.stream().filter(answer -> answer.purposes().contains(purpose)).count() / (double) grants.size();
    }
}
