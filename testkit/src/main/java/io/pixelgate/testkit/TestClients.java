package io.pixelgate.testkit;

import io.pixelgate.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer as a user's client would be: it writes raw bytes (JSON text, framed Avro, or junk) so
 * tests can send exactly what a CRM or a send service might.
 */
public final class TestClients implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    TestClients(final String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends raw bytes and waits for the broker's acknowledgement. */
    public RecordMetadata sendRaw(final Topic<?> topic, final String key, final byte[] value) {
        return send(new ProducerRecord<>(topic.name(), key, value), topic);
    }

    /** Sends a JSON text to {@code partition}, wherever the producer's partitioner would put its key. */
    public RecordMetadata sendJsonTo(final Topic<?> topic, final int partition, final String key, final String json) {
        return send(new ProducerRecord<>(topic.name(), partition, key, json.getBytes(StandardCharsets.UTF_8)), topic);
    }

    private RecordMetadata send(final ProducerRecord<String, byte[]> record, final Topic<?> topic) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic.name() + ": " + e.getMessage(), e);
        }
    }

    /** Sends a JSON text. */
    public RecordMetadata sendJson(final Topic<?> topic, final String key, final String json) {
        return sendRaw(topic, key, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a value as framed Avro, its schema registered through the topic's serde. */
    public <V extends SpecificRecord> RecordMetadata sendAvro(final Topic<V> topic, final String key, final V value) {
        return sendRaw(topic, key, topic.valueSerde().encode(topic.name(), value));
    }

    @Override
    public void close() {
        producer.close();
    }
}
