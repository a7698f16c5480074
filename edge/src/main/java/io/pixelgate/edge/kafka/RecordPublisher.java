package io.pixelgate.edge.kafka;

import io.pixelgate.platform.ops.Meters;
import io.pixelgate.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the edge's records to Kafka without ever making a request wait for Kafka.
 *
 * <p>{@link #offer} only counts the record and queues it; one sender thread encodes it and hands
 * it to an idempotent producer ({@code acks=all}), which retries for as long as it takes, so a
 * record survives a broker restart and is written once. The buffer is every record accepted and
 * not yet acknowledged, queued or inside the producer; it is bounded by a count. When it is full
 * a new record is refused and counted as dropped ({@link DropReason#OVERFLOW}), never lost
 * silently.
 */
public final class RecordPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordPublisher.class);
    // The sender looks for new records this often when it found none. A request never wakes it:
    // a wake-up per hit would cost the event loop a system call and the machine a context switch,
    // for nothing, since the producer batches for several milliseconds anyway.
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long RETRY_PAUSE_MS = 200;

    private final KafkaProducer<String, byte[]> producer;
    private final PublisherListener listener;
    private final int capacity;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private final Thread sender;
    private volatile boolean accepting = true;
    private volatile boolean running = true;

    private RecordPublisher(final KafkaProducer<String, byte[]> producer, final PublisherListener listener,
                            final int capacity) {
        this.producer = producer;
        this.listener = listener;
        this.capacity = capacity;
        this.sender = new Thread(this::sendLoop, "edge-kafka-sender");
        this.sender.setDaemon(true);
    }

    /**
     * A started publisher.
     *
     * @param bootstrapServers  the Kafka cluster
     * @param capacity          the most records held unacknowledged
     * @param overrides         producer settings that replace the defaults
     */
    public static RecordPublisher start(final String bootstrapServers, final int capacity,
                                        final Map<String, String> overrides, final PublisherListener listener) {
        final RecordPublisher publisher = new RecordPublisher(
                new KafkaProducer<>(producerConfig(bootstrapServers, overrides), new StringSerializer(),
                        new ByteArraySerializer()), listener, capacity);
        publisher.sender.start();
        return publisher;
    }

    static Map<String, Object> producerConfig(final String bootstrapServers, final Map<String, String> overrides) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "pixelgate-edge");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // Retry until Kafka is back however long that takes: the bounded buffer, not a delivery
        // time-out, decides what is given up, and it counts what it gives up.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        // send() blocks the sender thread (never a request) this long at most when the producer's
        // memory is full or a topic's metadata is unknown, then the record is tried again.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.putAll(overrides);
        return config;
    }

    /**
     * Queues a record; returns at once. False when the buffer is full: the record is then counted
     * as dropped.
     */
    public <V extends SpecificRecord> boolean offer(final RecordType type, final Topic<V> topic, final String key,
                                                    final V value) {
        return enqueue(new Pending(type, recordOf(topic, key, value), null));
    }

    /**
     * Queues a record whose writer needs to know when Kafka has it (a consent change, confirmed
     * to the person only once recorded). The future fails at once with {@link BufferFullException}
     * when the buffer is full.
     */
    public <V extends SpecificRecord> CompletableFuture<Void> offerAcknowledged(final RecordType type,
                                                                              final Topic<V> topic, final String key,
                                                                              final V value) {
        final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        if (!enqueue(new Pending(type, recordOf(topic, key, value), acknowledged))) {
            acknowledged.completeExceptionally(new BufferFullException(capacity));
        }
        return acknowledged;
    }

    /** Records accepted and not yet acknowledged by Kafka. */
    public int buffered() {
        return unacknowledged.get();
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Stops accepting, waits up to {@code timeout} for what is buffered to be acknowledged, then
     * closes the producer. Whatever is still unacknowledged then is counted as dropped
     * ({@link DropReason#SHUTDOWN}).
     */
    public void close(final Duration timeout) {
        accepting = false;
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (unacknowledged.get() > 0 && System.nanoTime() < deadline) {
            sleep(20);
        }
        running = false;
        sender.interrupt();
        try {
            sender.join(TimeUnit.SECONDS.toMillis(5));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        Pending left;
        while ((left = queue.poll()) != null) {
            drop(left, DropReason.SHUTDOWN, new IllegalStateException("the edge stopped"));
        }
        if (unacknowledged.get() > 0) {
            LOG.warn("{} records were not acknowledged by Kafka before the edge stopped", unacknowledged.get());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private boolean enqueue(final Pending pending) {
        if (!accepting) {
            listener.dropped(pending.type(), DropReason.SHUTDOWN);
            return false;
        }
        if (unacknowledged.incrementAndGet() > capacity) {
            unacknowledged.decrementAndGet();
            listener.dropped(pending.type(), DropReason.OVERFLOW);
            return false;
        }
        queue.add(pending);
        return true;
    }

    private void sendLoop() {
        Pending retry = null;
        try {
            while (running) {
                final Pending next = retry != null ? retry : queue.poll();
                retry = null;
                if (next == null) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                } else if (!send(next)) {
                    retry = next;
                    Thread.sleep(RETRY_PAUSE_MS);
                }
            }
        } catch (final InterruptedException e) {
            // close() interrupts once it no longer waits for acknowledgements
        } finally {
            if (retry != null) {
                queue.add(retry); // so that close() counts it
            }
        }
    }

    /** The producer's own metrics in {@code meters}, tagged {@code application}, until the result is closed. */
    public AutoCloseable bindMetrics(final Meters meters, final String application) {
        return meters.bindProducer(application, producer);
    }

    /** False when the record should be tried again (the producer could not take it yet). */
    private boolean send(final Pending pending) {
        final ProducerRecord<String, byte[]> record;
        try {
            record = pending.record().get();
        } catch (final IllegalArgumentException e) {
            LOG.error("cannot encode a {} record; it is dropped", pending.type().tag(), e);
            drop(pending, DropReason.ERROR, e);
            return true;
        } catch (final RuntimeException e) {
            LOG.warn("cannot encode a {} record yet (schema registry?), retrying: {}", pending.type().tag(), e.toString());
            return false;
        }
        try {
            producer.send(record, (metadata, error) -> completed(pending, error));
            return true;
        } catch (final TimeoutException e) {
            return false; // no metadata or no producer memory within max.block.ms: Kafka is slow or down
        } catch (final KafkaException e) {
            if (!running) {
                return false;
            }
            LOG.error("Kafka refused a {} record; it is dropped", pending.type().tag(), e);
            drop(pending, DropReason.ERROR, e);
            return true;
        }
    }

    private void completed(final Pending pending, final Exception error) {
        if (error == null) {
            unacknowledged.decrementAndGet();
            listener.sent(pending.type());
            if (pending.acknowledged() != null) {
                pending.acknowledged().complete(null);
            }
        } else if (error instanceof RetriableException && running) {
            queue.add(pending); // still counted in the buffer; tried again by the sender thread
        } else {
            if (running) {
                LOG.error("Kafka did not take a {} record; it is dropped", pending.type().tag(), error);
            }
            drop(pending, running ? DropReason.ERROR : DropReason.SHUTDOWN, error);
        }
    }

    private void drop(final Pending pending, final DropReason reason, final Exception cause) {
        unacknowledged.decrementAndGet();
        listener.dropped(pending.type(), reason);
        if (pending.acknowledged() != null) {
            pending.acknowledged().completeExceptionally(cause);
        }
    }

    private static <V extends SpecificRecord> Supplier<ProducerRecord<String, byte[]>> recordOf(
            final Topic<V> topic, final String key, final V value) {
        return () -> new ProducerRecord<>(topic.name(), key, topic.valueSerde().encode(topic.name(), value));
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A record waiting for Kafka; {@code acknowledged} is null when nobody waits for it. */
    private record Pending(RecordType type, Supplier<ProducerRecord<String, byte[]>> record,
                           CompletableFuture<Void> acknowledged) {
    }
}
