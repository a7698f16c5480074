package io.pixelgate.edge.kafka;

import io.pixelgate.platform.ops.Meters;
import io.pixelgate.schemas.Topic;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the edge's records to Kafka without ever making a request wait for Kafka.
 *
 * <p>{@link #offer} only counts the record and queues it in its {@link Lane}; the lane's sender
 * thread encodes it and hands it to the lane's idempotent producer ({@code acks=all}), which
 * retries for as long as it takes, so a record survives a broker restart and is written once.
 * Each lane is bounded in records and in bytes; when one is full a new record is refused and
 * counted as dropped ({@link DropReason#OVERFLOW}, {@link DropReason#OVERFLOW_BYTES}), never lost
 * silently. Hits and consent changes have a lane each, with a producer each (own memory, own
 * batches, own requests in flight): hits filling their buffer never refuse nor delay a person's
 * consent change.
 */
public final class RecordPublisher implements AutoCloseable {

    // The hits' sender looks for new records this often when it found none; a request never wakes
    // it (see SendLane). The consent sender is woken by each offer and only naps when idle.
    private static final Duration HITS_IDLE = Duration.ofMillis(1);
    private static final Duration CONSENT_IDLE = Duration.ofMillis(100);

    private final Map<Lane, SendLane> lanes;

    private RecordPublisher(final Map<Lane, SendLane> lanes) {
        this.lanes = lanes;
    }

    /**
     * A started publisher.
     *
     * @param bootstrapServers  the Kafka cluster
     * @param limits            the bounds of each lane
     * @param overrides         producer settings that replace the defaults, in both lanes
     */
    public static RecordPublisher start(final String bootstrapServers, final Map<Lane, LaneLimits> limits,
                                        final Map<String, String> overrides, final PublisherListener listener) {
        final Map<Lane, SendLane> lanes = new EnumMap<>(Lane.class);
        for (final Lane lane : Lane.values()) {
            final LaneLimits laneLimits = limits.get(lane);
            if (laneLimits == null) {
                throw new IllegalArgumentException("no limits for the " + lane.tag() + " lane");
            }
            lanes.put(lane, new SendLane(lane, new KafkaProducer<>(producerConfig(bootstrapServers, lane, overrides),
                    new StringSerializer(), new ByteArraySerializer()), listener, laneLimits,
                    lane == Lane.HITS ? HITS_IDLE : CONSENT_IDLE, lane == Lane.CONSENT));
        }
        lanes.values().forEach(SendLane::start);
        return new RecordPublisher(lanes);
    }

    static Map<String, Object> producerConfig(final String bootstrapServers, final Lane lane,
                                              final Map<String, String> overrides) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, lane == Lane.HITS ? "pixelgate-edge" : "pixelgate-edge-" + lane.tag());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // Retry until Kafka is back however long that takes: the bounded buffer, not a delivery
        // time-out, decides what is given up, and it counts what it gives up.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        // send() blocks the sender thread (never a request) this long at most when the producer's
        // memory is full or a topic's metadata is unknown, then the record is tried again.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        if (lane == Lane.HITS) {
            config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        } else {
            // a person waits for each of these: sent at once, never batched behind others
            config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 16L * 1024 * 1024);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        }
        config.putAll(overrides);
        return config;
    }

    /**
     * Queues a record; returns at once. False when its lane is full: the record is then counted
     * as dropped.
     */
    public <V extends SpecificRecord> boolean offer(final RecordType type, final Topic<V> topic, final String key,
                                                    final V value) {
        return lanes.get(type.lane()).enqueue(type, recordOf(topic, key, value), RecordSize.estimate(key, value),
                null) == null;
    }

    /**
     * Queues a record whose writer needs to know when Kafka has it (a consent change, confirmed
     * to the person only once recorded). The future fails at once with {@link BufferFullException}
     * when its lane is full.
     */
    public <V extends SpecificRecord> CompletableFuture<Void> offerAcknowledged(final RecordType type,
                                                                              final Topic<V> topic, final String key,
                                                                              final V value) {
        final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        final SendLane lane = lanes.get(type.lane());
        final DropReason refused = lane.enqueue(type, recordOf(topic, key, value), RecordSize.estimate(key, value),
                acknowledged);
        if (refused != null) {
            acknowledged.completeExceptionally(new BufferFullException(type.lane(), lane.limits(), refused));
        }
        return acknowledged;
    }

    /** Each lane's producer metrics in {@code meters}, tagged {@code application}, until the result is closed. */
    public AutoCloseable bindMetrics(final Meters meters, final String application) {
        final List<AutoCloseable> bound = lanes.values().stream()
                .map(lane -> meters.bindProducer(application, lane.producer())).toList();
        return () -> {
            for (final AutoCloseable binding : bound) {
                binding.close();
            }
        };
    }

    /** Records accepted and not yet acknowledged by Kafka, in every lane. */
    public int buffered() {
        return lanes.values().stream().mapToInt(SendLane::buffered).sum();
    }

    /** Records of {@code lane} accepted and not yet acknowledged. */
    public int buffered(final Lane lane) {
        return lanes.get(lane).buffered();
    }

    /** Estimated bytes of {@code lane}'s records accepted and not yet acknowledged. */
    public long bufferedBytes(final Lane lane) {
        return lanes.get(lane).bufferedBytes();
    }

    public LaneLimits limits(final Lane lane) {
        return lanes.get(lane).limits();
    }

    /**
     * Stops accepting, waits up to {@code timeout} for what is buffered to be acknowledged, then
     * closes the producers. Whatever is still unacknowledged then is counted as dropped
     * ({@link DropReason#SHUTDOWN}).
     */
    public void close(final Duration timeout) {
        lanes.values().forEach(SendLane::stopAccepting);
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (buffered() > 0 && System.nanoTime() < deadline) {
            sleep(20);
        }
        lanes.values().forEach(lane -> lane.stop(deadline));
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private static <V extends SpecificRecord> Supplier<ProducerRecord<String, byte[]>> recordOf(
            final Topic<V> topic, final String key, final V value) {
        return () -> new ProducerRecord<>(topic.name(), key, topic.valueSerde().encode(topic.name(), value));
    }

    private static void sleep(final long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
