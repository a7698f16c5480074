package io.pixelgate.bench;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The producer that feeds a benchmark's input topics, values already encoded. */
public final class BenchProducers {

    private BenchProducers() {
    }

    /**
     * Batches large enough that feeding the input is never what a benchmark measures, and requests
     * large enough for sends with 20 KB of HTML.
     */
    public static KafkaProducer<String, byte[]> bytes(final String bootstrapServers, final int lingerMs) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024),
                new StringSerializer(), new ByteArraySerializer());
    }
}
