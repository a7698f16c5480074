package io.pixelgate.bench.enricher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an output topic as a user would (read_committed, so only what an exactly-once application
 * committed), on its own thread, from its end when the watch starts, and notes when the expected
 * number of new records has arrived.
 */
final class OutputWatch implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final long expected;
    private volatile long doneAtNanos;
    private volatile long firstAtNanos;

    /**
     * @param onRecord called on the watch's thread for each record read, with the time it was read
     *                 (epoch ms); may be null
     */
    OutputWatch(final String bootstrapServers, final String topic, final long expected,
                final Consumer<Timed> onRecord) {
        this.expected = expected;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-watch-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024),
                new StringDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(() -> run(onRecord), "bench-watch-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** A record read, with when. */
    record Timed(ConsumerRecord<String, byte[]> record, long readAtMs) {
    }

    private void run(final Consumer<Timed> onRecord) {
        try {
            while (!stop.get()) {
                final List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                consumer.poll(Duration.ofMillis(50)).forEach(batch::add);
                final long now = System.currentTimeMillis();
                if (!batch.isEmpty() && firstAtNanos == 0) {
                    firstAtNanos = System.nanoTime();
                }
                if (onRecord != null) {
                    batch.forEach(record -> onRecord.accept(new Timed(record, now)));
                }
                if (seen.addAndGet(batch.size()) >= expected && done.getCount() > 0) {
                    doneAtNanos = System.nanoTime();
                    done.countDown();
                }
            }
        } finally {
            consumer.close();
        }
    }

    /** System.nanoTime() of the poll that read the first record, 0 before. */
    long firstAtNanos() {
        return firstAtNanos;
    }

    long seen() {
        return seen.get();
    }

    /** Waits for every expected record; returns System.nanoTime() of the poll that completed them. */
    long awaitAll(final Duration timeout, final Runnable onTick) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.await(250, TimeUnit.MILLISECONDS)) {
            onTick.run();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen.get() + " of " + expected + " records arrived within "
                        + timeout + "; is the application running?");
            }
        }
        onTick.run();
        return doneAtNanos;
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join(10_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
