package io.pixelgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.junit.jupiter.api.Test;

/** What {@link TopicProvisioner} changes on topics that exist already, given their current configs. */
class TopicProvisionerTest {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private final Topics topics = Topics.create("pixelgate.", DAY_MS, new InMemorySchemaRegistry());

    @Test
    void aTopicWithPersonalDataInTheClearIsBroughtToThePersonalRetention() {
        // given consent-changes created with the 30 days it had before topic.personal.retention
        final Map<String, String> changes = changes(topics.consentChanges(),
                Map.of("retention.ms", Long.toString(30 * DAY_MS), "segment.ms", Long.toString(7 * DAY_MS)));

        assertThat(changes).containsEntry("retention.ms", Long.toString(DAY_MS - DAY_MS / 8))
                .containsEntry("segment.ms", Long.toString(DAY_MS / 8));
    }

    @Test
    void theRetentionOfTopicsWithoutPersonalDataInTheClearStaysTheOperators() {
        assertThat(changes(topics.consentLedger(), Map.of("retention.ms", Long.toString(90 * DAY_MS))))
                .doesNotContainKey("retention.ms");
        assertThat(changes(topics.purgeLog(), Map.of("retention.ms", "-1"))).doesNotContainKey("retention.ms");
    }

    @Test
    void aTopicAlreadyInLineIsLeftAlone() {
        assertThat(changes(topics.trackedSends(), topics.trackedSends().spec().configs())).isEmpty();
    }

    private static Map<String, String> changes(final Topic<?> topic, final Map<String, String> current) {
        final Map<String, String> all = new HashMap<>(topic.spec().configs());
        all.putAll(current);
        final Config config = new Config(all.entrySet().stream()
                .map(entry -> new ConfigEntry(entry.getKey(), entry.getValue())).toList());
        final List<AlterConfigOp> ops = TopicProvisioner.differences(topic.spec(), config);
        return ops.stream().collect(Collectors.toMap(op -> op.configEntry().name(), op -> op.configEntry().value()));
    }
}
