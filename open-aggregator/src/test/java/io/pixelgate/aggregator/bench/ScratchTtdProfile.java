package io.pixelgate.aggregator.bench;

import io.pixelgate.aggregator.AggregatorSettings;
import io.pixelgate.aggregator.AggregatorTopology;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.Keys;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.StreamsApp;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenKeys;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

public final class ScratchTtdProfile {
    public static void main(final String[] args) throws Exception {
        final TokenKeys keys = TokenKeys.generate("k");
        final PixelgateRuntime runtime = PixelgateRuntime.with(PixelgateConfig.of(Map.of(Keys.TOKEN_KEYS, keys.toConfigString(),
                Keys.STATE_DIR, Files.createTempDirectory("ttd").toString())), new InMemorySchemaRegistry());
        final BenchHits data = new BenchHits(new TokenCodec(keys), 20000, Instant.now().minus(Duration.ofHours(1)), 7);
        final MockProducer<String, byte[]> mock = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        data.produceConsents(mock, runtime.topics(), Instant.now().minus(Duration.ofHours(2)));
        final int consents = mock.history().size();
        final int n = Integer.parseInt(args[0]);
        for (int i = 0; i < n; i++) data.produceHit(mock, runtime.topics(), Instant.now());
        final List<ProducerRecord<String, byte[]>> records = new ArrayList<>(mock.history());
        try (TopologyTestDriver driver = new TopologyTestDriver(AggregatorTopology.build(runtime.topics(),
                AggregatorSettings.from(runtime.config()), 1 << 20), StreamsApp.streamsConfig(runtime, "x"))) {
            final var inputs = Map.of(runtime.topics().openHits().name(), driver.createInputTopic(runtime.topics().openHits().name(), new StringSerializer(), new ByteArraySerializer()),
                runtime.topics().clickHits().name(), driver.createInputTopic(runtime.topics().clickHits().name(), new StringSerializer(), new ByteArraySerializer()),
                runtime.topics().consentState().name(), driver.createInputTopic(runtime.topics().consentState().name(), new StringSerializer(), new ByteArraySerializer()));
            for (final ProducerRecord<String, byte[]> r : records.subList(0, consents)) {
                ((TestInputTopic<String, byte[]>) inputs.get(r.topic())).pipeInput(r.key(), r.value());
            }
            for (int round = 0; round < 2; round++) {
                final long t0 = System.nanoTime();
                for (final ProducerRecord<String, byte[]> r : records.subList(consents, records.size())) {
                    ((TestInputTopic<String, byte[]>) inputs.get(r.topic())).pipeInput(r.key(), r.value());
                }
                System.out.printf("round %d: %.0f records/s%n", round, (records.size() - consents) / ((System.nanoTime() - t0) / 1e9));
            }
        }
    }
}
