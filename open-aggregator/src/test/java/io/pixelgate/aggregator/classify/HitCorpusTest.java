package io.pixelgate.aggregator.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.aggregator.AggregatorSettings;
import io.pixelgate.edge.EdgeSettings;
import io.pixelgate.edge.net.IpLiteral;
import io.pixelgate.edge.net.NetworkClassifier;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.tokens.TokenKeys;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The labelled corpus ({@code classify/hit-corpus.tsv}) through the edge's network labels (built-in
 * defaults plus a Private Relay egress list in Apple's format) and the classifier with its default
 * settings, scored as precision and recall of "human".
 *
 * <p>Before this classifier (the first-match rules of commit afc58bc, with the edge's defaults of
 * then) the same corpus scored 49 of 73 right: human precision 0.54, recall 0.96. The corpus was
 * written together with these rules, so the figure below is on the data they were shaped by, not a
 * held-out set.
 */
class HitCorpusTest {

    /** The score must not fall below what this change reached on its own corpus. */
    private static final double MIN_PRECISION = 0.95;
    private static final double MIN_RECALL = 0.95;

    @Test
    void corpusScoresPrecisionAndRecallOfHuman() throws URISyntaxException {
        final Path relay = Path.of(Objects.requireNonNull(
                getClass().getResource("/classify/private-relay-egress-sample.csv")).toURI());
        final Map<String, String> config = Map.of(CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("k").toConfigString(),
                EdgeSettings.NETWORK_FILES.key(), "apple-private-relay=" + relay);
        final NetworkClassifier networks = new NetworkClassifier(EdgeSettings.from(PixelgateConfig.of(config)).networks());
        final ClassifierSettings settings = AggregatorSettings.from(PixelgateConfig.of(config)).classifier();
        final HitClassifier classifier = new HitClassifier(settings);
        final List<HitCorpus.Row> rows = HitCorpus.rows();
        HitCorpus.Score score = new HitCorpus.Score(0, 0, 0, 0);
        for (final HitCorpus.Row row : rows) {
            final Verdict verdict = classifier.classify(facts(row, networks, settings));
            score = score.plus(row.human(), verdict.human());
            if (verdict.human() != row.human()) {
                System.out.printf("corpus miss: %s (%s) -> %s%n", row.id(), row.human() ? "HUMAN" : "MACHINE", verdict);
            }
        }
        System.out.printf("corpus of %d hits: %d right; human precision %.2f, recall %.2f"
                + " (before: 49 right, precision 0.54, recall 0.96)%n", score.total(), score.right(),
                score.precision(), score.recall());

        assertThat(score.total()).isEqualTo(rows.size());
        assertThat(score.precision()).as("precision of human").isGreaterThanOrEqualTo(MIN_PRECISION);
        assertThat(score.recall()).as("recall of human").isGreaterThanOrEqualTo(MIN_RECALL);
    }

    /** The row as the aggregator would see it: the edge's label, delivery when published, the message's context. */
    private static HitFacts facts(final HitCorpus.Row row, final NetworkClassifier networks,
                                  final ClassifierSettings settings) {
        final String label = networks.labelOf(IpLiteral.parse(row.clientIp()).orElseThrow()).orElse(null);
        final boolean burst = row.burstLinks() >= settings.burstLinks()
                && row.burstSpan().compareTo(settings.burstWindow()) <= 0;
        final boolean openWithClick = row.openClickGap() != null
                && row.openClickGap().compareTo(settings.openClickWindow()) <= 0;
        final HitContext context = new HitContext(burst, openWithClick, row.context().equals("honeypot"),
                row.context().equals("honeypot-source"));
        return new HitFacts(row.kind(), row.userAgent(), label, row.receivedAt(), HitCorpus.REQUESTED,
                row.deliveryKnown() ? row.deliveredAt() : null, context);
    }
}
