package io.pixelgate.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md section 1: within a bound (one day by default) no copy of erased data is left readable.
 * Every delete-policy topic either holds personal data in the clear for the personal retention, or
 * is proof without it (the sealed ledger, the purge-log), kept forever.
 */
class TopicRetentionTest {

    private static final long RETENTION_MS = Duration.ofHours(20).toMillis();
    private final Topics topics = Topics.create("pixelgate.", RETENTION_MS, new InMemorySchemaRegistry());

    @Test
    void everyDeleteTopicWithPersonalDataKeepsItForThePersonalRetentionAndOnlyProofIsKept() {
        final List<Topic<?>> proof = List.of(topics.consentLedger(), topics.purgeLog());
        for (final Topic<?> topic : topics.all()) {
            if (topic.spec().compact()) {
                assertThat(topic.spec().configs()).as(topic.name())
                        .containsAllEntriesOf(TopicSpec.compactionConfigs());
            } else if (proof.contains(topic)) {
                assertThat(topic.spec().personal()).as(topic.name()).isFalse();
                assertThat(topic.spec().configs()).as(topic.name()).containsEntry("retention.ms", "-1");
            } else {
                // a segment is deleted once its newest record is older than retention.ms: a record
                // lives at most a segment's span (segment.ms) plus retention.ms
                assertThat(topic.spec().personal()).as(topic.name()).isTrue();
                final Map<String, String> configs = topic.spec().configs();
                assertThat(Long.parseLong(configs.get("segment.ms")) + Long.parseLong(configs.get("retention.ms")))
                        .as(topic.name()).isLessThanOrEqualTo(RETENTION_MS);
                assertThat(Long.parseLong(configs.get("retention.ms"))).as(topic.name()).isPositive();
            }
        }
    }

    @Test
    void theBoundOfCompactedTopicsIsWithinADay() {
        assertThat(TopicSpec.PURGE_BOUND_MS).isLessThanOrEqualTo(TopicSpec.DAY_MS);
    }
}
