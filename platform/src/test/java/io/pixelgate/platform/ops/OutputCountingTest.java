package io.pixelgate.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.Rejections;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class OutputCountingTest {

    private final PixelgateRuntime runtime = PixelgateRuntime.with(PixelgateConfig.of(Map.of()),
            new InMemorySchemaRegistry());
    private final Topics topics = runtime.topics();
    private final OutputCounting counting = new OutputCounting(topics, runtime.meters());

    @Test
    void rejectedRecordsCountBySourceTopicAndTheClassOfTheirReason() {
        // given two unreadable consent changes and one send request over the size limit
        written(topics.rejected(), rejection(topics.consentChanges().name(), "invalid JSON: Unexpected character"));
        written(topics.rejected(), rejection(topics.consentChanges().name(), "invalid JSON: Unexpected end"));
        written(topics.rejected(), rejection(topics.sendRequests().name(),
                "value of 2000000 bytes is over the limit of 1048576 bytes (input.max.value.bytes)"));

        // then each source and reason class has its count
        assertThat(count("pixelgate.records.rejected", "source_topic", topics.consentChanges().name(),
                "reason", "undecodable")).isEqualTo(2);
        assertThat(count("pixelgate.records.rejected", "source_topic", topics.sendRequests().name(),
                "reason", "too-large")).isEqualTo(1);
    }

    @Test
    void purgesCountByTheirReasonsLeadingWordAndTombstonesNotAtAll() {
        final Topic<PurgeRecord> purgeLog = topics.purgeLog();
        written(purgeLog, PurgeRecord.newBuilder().setProfileId("p-1").setPurposes(List.of())
                .setReason("WITHDRAWN by consent event crm-9").setPurgedAt(Instant.EPOCH).setPurged(Map.of()).build());
        counting.written("open-aggregator", purgeLog.name(), null); // a tombstone is no purge record

        assertThat(count("pixelgate.purges", "reason", "WITHDRAWN")).isEqualTo(1);
    }

    @Test
    void recordsOfOtherTopicsAreNotLookedAt() {
        counting.written("send-enricher", topics.trackedSends().name(), "not even Avro".getBytes(StandardCharsets.UTF_8));

        assertThat(runtime.meters().registry().getMeters()).isEmpty();
    }

    @Test
    void reasonClassesAreFewWhateverTheReasonSays() {
        assertThat(OutputCounting.reasonClass("field 'status': required")).isEqualTo("invalid-field");
        assertThat(OutputCounting.reasonClass("schema id 99 is unknown to the registry")).isEqualTo("unknown-schema");
        assertThat(OutputCounting.reasonClass("value is neither Confluent-framed Avro (magic byte 0) nor a UTF-8 JSON object"))
                .isEqualTo("undecodable");
        assertThat(OutputCounting.reasonClass("processing failed in x: java.lang.IllegalStateException: boom"))
                .isEqualTo("processing-failed");
        assertThat(OutputCounting.reasonClass("something new")).isEqualTo("other");
        assertThat(OutputCounting.leadingWord("expired grant")).isEqualTo("other");
    }

    private RejectedRecord rejection(final String source, final String reason) {
        return Rejections.rejection(source, 0, 1, new byte[] {1}, reason, Instant.EPOCH);
    }

    private <V extends SpecificRecord> void written(final Topic<V> topic, final V value) {
        topic.registerSchema();
        counting.written("consent-events", topic.name(), topic.valueSerde().encode(topic.name(), value));
    }

    private double count(final String name, final String... tags) {
        return runtime.meters().registry().get(name).tags(tags).counter().count();
    }
}
