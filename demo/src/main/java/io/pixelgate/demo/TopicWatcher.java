package io.pixelgate.demo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads topics on its own thread and hands each committed record to a handler. It reads either
 * everything (outputs the view shows whole) or only what is written after {@link #start} returns
 * (tracked sends of this run: the positions are fixed before the first send goes out).
 */
final class TopicWatcher implements AutoCloseable {

    /** What to do with one record: its topic, key and raw value (null for a tombstone). */
    @FunctionalInterface
    interface Handler {
        void handle(String topic, String key, byte[] value);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicWatcher.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Handler handler;
    private final Thread thread;
    private volatile boolean running = true;

    private TopicWatcher(final KafkaConsumer<String, byte[]> consumer, final Handler handler, final String name) {
        this.consumer = consumer;
        this.handler = handler;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /**
     * Assigns every partition of {@code topics} and starts reading.
     *
     * @param fromBeginning true to read what is there already, false for only what comes next
     */
    static TopicWatcher start(final String bootstrap, final String name, final List<String> topics,
                              final boolean fromBeginning, final Handler handler) {
        final KafkaConsumer<String, byte[]> consumer = KafkaClients.committedReader(bootstrap, name);
        try {
            final List<TopicPartition> partitions = KafkaClients.partitions(consumer, topics);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            partitions.forEach(consumer::position); // resolves the positions now, before anything is sent
        } catch (final RuntimeException e) {
            consumer.close();
            throw new IllegalStateException("cannot read " + topics + ": " + e.getMessage(), e);
        }
        final TopicWatcher watcher = new TopicWatcher(consumer, handler, name);
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        try {
            while (running) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    try {
                        handler.handle(record.topic(), record.key(), record.value());
                    } catch (final RuntimeException e) {
                        LOG.warn("cannot use a record of {} at offset {}: {}", record.topic(), record.offset(),
                                e.toString());
                    }
                }
            }
        } catch (final WakeupException e) {
            // closing
        } catch (final RuntimeException e) {
            LOG.error("{} stopped reading: {}", thread.getName(), e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
