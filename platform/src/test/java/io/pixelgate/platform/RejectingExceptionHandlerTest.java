package io.pixelgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.RejectedRecord;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectingExceptionHandlerTest {

    @Test
    void aRecordThatMakesAProcessorThrowGoesToRejectedAndTheNextOneIsProcessed(@TempDir final Path stateDir) {
        // given a topology whose processor fails on one value
        final PixelgateRuntime runtime = PixelgateRuntime.with(
                PixelgateConfig.of(Map.of(CommonSettings.STATE_DIR.key(), stateDir.toString())),
                new InMemorySchemaRegistry());
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("in-source"))
                .mapValues(value -> {
                    if (value.equals("boom")) {
                        throw new IllegalStateException("cannot handle boom");
                    }
                    return value.toUpperCase();
                }, Named.as("shout"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("out-sink"));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
                StreamsApp.streamsConfig(runtime, "handler-test"))) {
            final TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                    new StringSerializer());
            // when it meets that value between two good ones
            in.pipeInput("k1", "a");
            in.pipeInput("k2", "boom");
            in.pipeInput("k3", "b");

            // then the good ones go on, and the bad one is on the rejected topic with its reason
            assertThat(driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer())
                    .readValuesToList()).containsExactly("A", "B");
            final List<RejectedRecord> rejected = driver.createOutputTopic(runtime.topics().rejected().name(),
                    new StringDeserializer(), runtime.topics().rejected().valueSerde().deserializer()).readValuesToList();
            assertThat(rejected).singleElement().satisfies(r -> {
                assertThat(r.getSourceTopic()).isEqualTo("in");
                assertThat(r.getOffset()).isEqualTo(1);
                assertThat(r.getReason()).contains("shout").contains("cannot handle boom");
                assertThat(StandardCharsets.UTF_8.decode(r.getRawValue()).toString()).isEqualTo("boom");
            });
        }
    }
}
