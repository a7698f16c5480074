package io.pixelgate.aggregator.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.aggregator.AggregatorSettings;
import io.pixelgate.edge.EdgeSettings;
import io.pixelgate.edge.net.IpLiteral;
import io.pixelgate.edge.net.NetworkClassifier;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.Keys;
import io.pixelgate.tokens.TokenKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The labelled corpus through the edge's network labels and the classifier, scored as precision and recall of human. */
class HitCorpusTest {

    private static final Map<String, String> CONFIG = Map.of(Keys.TOKEN_KEYS, TokenKeys.generate("k").toConfigString());

    @Test
    void corpusScoresPrecisionAndRecallOfHuman() {
        final NetworkClassifier networks = new NetworkClassifier(EdgeSettings.from(PixelgateConfig.of(CONFIG)).networks());
        final ClassifierSettings settings = AggregatorSettings.from(PixelgateConfig.of(CONFIG)).classifier();
        final HitClassifier classifier = new HitClassifier(settings);
        final List<HitCorpus.Row> rows = HitCorpus.rows();
        HitCorpus.Score score = new HitCorpus.Score(0, 0, 0, 0);
        for (final HitCorpus.Row row : rows) {
            final String label = networks.labelOf(IpLiteral.parse(row.clientIp()).orElseThrow()).orElse(null);
            final boolean burst = row.burstLinks() >= settings.burstLinks()
                    && row.burstSpan().compareTo(settings.burstWindow()) <= 0;
            final Classification verdict = classifier.classify(new HitFacts(row.kind(), row.userAgent(), label,
                    row.receivedAt(), HitCorpus.REQUESTED, burst));
            score = score.plus(row.human(), verdict.human());
            if (verdict.human() != row.human()) {
                System.out.printf("corpus miss: %s (%s) -> %s%n", row.id(), row.human() ? "HUMAN" : "MACHINE", verdict);
            }
        }
        System.out.printf("corpus of %d hits: %d right; human precision %.2f, recall %.2f%n", score.total(),
                score.right(), score.precision(), score.recall());
        assertThat(score.total()).isEqualTo(rows.size());
    }
}
