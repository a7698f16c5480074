package io.pixelgate.edge.kafka;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane of the {@link RecordPublisher}: a queue, bounded in records and in bytes, one sender
 * thread and one idempotent producer of its own. The lane's buffer is every record accepted and
 * not yet acknowledged, queued or inside the producer.
 */
final class SendLane {

    private static final Logger LOG = LoggerFactory.getLogger(SendLane.class);
    private static final long RETRY_PAUSE_MS = 200;

    private final Lane lane;
    private final KafkaProducer<String, byte[]> producer;
    private final PublisherListener listener;
    private final LaneLimits limits;
    private final long idleParkNanos;
    private final boolean wakeOnOffer;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lostAtStop = new AtomicLong();
    private final Thread sender;
    private volatile boolean accepting = true;
    private volatile boolean running = true;

    /**
     * @param idle        how long the sender sleeps when it found nothing to send
     * @param wakeOnOffer whether an offer wakes the sender at once (worth a system call for a record
     *                    a person waits for, not for a hit: the producer batches hits for milliseconds anyway)
     */
    SendLane(final Lane lane, final KafkaProducer<String, byte[]> producer, final PublisherListener listener,
             final LaneLimits limits, final Duration idle, final boolean wakeOnOffer) {
        this.lane = lane;
        this.producer = producer;
        this.listener = listener;
        this.limits = limits;
        this.idleParkNanos = idle.toNanos();
        this.wakeOnOffer = wakeOnOffer;
        this.sender = new Thread(this::sendLoop, "edge-kafka-sender-" + lane.tag());
        this.sender.setDaemon(true);
    }

    /** The lane's producer, for its metrics. */
    KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    void start() {
        sender.start();
    }

    LaneLimits limits() {
        return limits;
    }

    int buffered() {
        return unacknowledged.get();
    }

    long bufferedBytes() {
        return bytes.get();
    }

    /**
     * Queues a record, or counts it as dropped when the lane is full.
     *
     * @return why it was not queued, or null when it was
     */
    DropReason enqueue(final RecordType type, final Supplier<ProducerRecord<String, byte[]>> record, final long size,
                       final CompletableFuture<Void> acknowledged) {
        final DropReason refused = reserve(size);
        if (refused != null) {
            listener.dropped(type, refused);
            return refused;
        }
        queue.add(new Pending(type, record, size, acknowledged));
        if (wakeOnOffer) {
            LockSupport.unpark(sender);
        }
        return null;
    }

    private DropReason reserve(final long size) {
        if (!accepting) {
            return DropReason.SHUTDOWN;
        }
        if (unacknowledged.incrementAndGet() > limits.records()) {
            unacknowledged.decrementAndGet();
            return DropReason.OVERFLOW;
        }
        // a record larger than the whole bound is still taken into an empty lane: the bound is on
        // what waits, and one record's size is the broker's business (max.message.bytes)
        if (bytes.addAndGet(size) > limits.bytes() && unacknowledged.get() > 1) {
            bytes.addAndGet(-size);
            unacknowledged.decrementAndGet();
            return DropReason.OVERFLOW_BYTES;
        }
        return null;
    }

    /** Stops taking records; what is queued is still sent until {@link #stop}. */
    void stopAccepting() {
        accepting = false;
    }

    /** Stops the sender and the producer, waiting until {@code deadline} (nanoTime) at most. */
    void stop(final long deadline) {
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
        final long lost = lostAtStop.get() + unacknowledged.get();
        if (lost > 0) {
            // taken (a pixel answered, a page told the change is saved) and now lost: an error
            LOG.error("{} {} records were not acknowledged by Kafka before the edge stopped; they are lost", lost,
                    lane.tag());
        }
    }

    private void sendLoop() {
        Pending retry = null;
        try {
            while (running) {
                final Pending next = retry != null ? retry : queue.poll();
                retry = null;
                if (next == null) {
                    LockSupport.parkNanos(idleParkNanos);
                } else if (!send(next)) {
                    retry = next;
                    Thread.sleep(RETRY_PAUSE_MS);
                }
            }
        } catch (final InterruptedException e) {
            // stop() interrupts once it no longer waits for acknowledgements
        } finally {
            if (retry != null) {
                queue.add(retry); // so that stop() counts it
            }
        }
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
            release(pending);
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
        release(pending);
        if (reason == DropReason.SHUTDOWN) {
            lostAtStop.incrementAndGet();
        }
        listener.dropped(pending.type(), reason);
        if (pending.acknowledged() != null) {
            pending.acknowledged().completeExceptionally(cause);
        }
    }

    private void release(final Pending pending) {
        bytes.addAndGet(-pending.size());
        unacknowledged.decrementAndGet();
    }

    /** A record waiting for Kafka; {@code acknowledged} is null when nobody waits for it. */
    private record Pending(RecordType type, Supplier<ProducerRecord<String, byte[]>> record, long size,
                           CompletableFuture<Void> acknowledged) {
    }
}
