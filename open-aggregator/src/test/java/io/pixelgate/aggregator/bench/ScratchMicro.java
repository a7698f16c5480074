package io.pixelgate.aggregator.bench;

import io.pixelgate.aggregator.AggregatorSettings;
import io.pixelgate.aggregator.count.ConsentView;
import io.pixelgate.aggregator.count.HitCounter;
import io.pixelgate.aggregator.count.TokenVerifier;
import io.pixelgate.aggregator.count.VerifiedToken;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Hit;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.Keys;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

public final class ScratchMicro {
    public static void main(final String[] args) {
        final TokenKeys keys = TokenKeys.generate("k");
        final PixelgateRuntime runtime = PixelgateRuntime.with(PixelgateConfig.of(Map.of(Keys.TOKEN_KEYS, keys.toConfigString())), new InMemorySchemaRegistry());
        final BenchHits data = new BenchHits(new TokenCodec(keys), 20000, Instant.now().minus(Duration.ofHours(1)), 7);
        final MockProducer<String, byte[]> mock = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        for (int i = 0; i < 50000; i++) data.produceHit(mock, runtime.topics(), Instant.now());
        final List<byte[]> raw = new ArrayList<>();
        for (ProducerRecord<String, byte[]> r : mock.history()) raw.add(r.value());
        final var decoder = runtime.topics().openHits().decoder(1 << 20);
        final AggregatorSettings settings = AggregatorSettings.from(runtime.config());
        final TokenVerifier verifier = new TokenVerifier(new TokenCodec(keys));
        final HitCounter counter = new HitCounter(settings.classifier(), settings.score());
        final ConsentState consent = data.consent(3, Instant.now().minus(Duration.ofHours(2)), ConsentStatus.GRANTED);
        final byte[] consentBytes = runtime.topics().consentState().valueSerde().encode("x", consent);
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime(); final List<Hit> hits = new ArrayList<>();
            for (byte[] b : raw) hits.add(decoder.decode(b));
            long t1 = System.nanoTime(); final List<VerifiedToken> tokens = new ArrayList<>();
            for (Hit h : hits) tokens.add(verifier.verify(h.getKind(), h.getToken()));
            long t2 = System.nanoTime(); int x = 0;
            for (int i = 0; i < hits.size(); i++) {
                if (tokens.get(i) instanceof VerifiedToken.Message m) x += counter.attributed(hits.get(i), m.message(), m.linkIndex(), null, true).delta().key().length();
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < hits.size(); i++) x += runtime.topics().consentState().valueSerde().decode(consentBytes).getPurposes().size();
            long t4 = System.nanoTime();
            for (int i = 0; i < hits.size(); i++) x += ConsentView.at(consent, Instant.now()).openMeasurement() ? 1 : 0;
            long t5 = System.nanoTime();
            double n = hits.size() / 1000.0;
            System.out.printf("decode %.2f us, verify %.2f us, count %.2f us, consent decode %.2f us, view %.2f us (%d)%n",
                (t1-t0)/n/1000, (t2-t1)/n/1000, (t3-t2)/n/1000, (t4-t3)/n/1000, (t5-t4)/n/1000, x);
        }
    }
}
