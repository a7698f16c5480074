package io.pixelgate.platform;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' clients, with one change to its producers: once a producer has aborted a
 * transaction, the next transaction it is asked to begin fails as if the producer were fenced.
 *
 * <p>Why (measured in the soak, 2026-12-02, and read in Kafka Streams 4.3.1): under
 * exactly_once_v2 all tasks of a stream thread write into one transaction. When a task is found
 * corrupted during a rebalance (a task given back to an instance whose local state has no
 * checkpoint), Kafka Streams closes that task dirty, which aborts the thread's transaction, but
 * it skips the commit of the other running tasks that should come first (no commit is possible
 * during a rebalance). Those tasks keep running from their positions after the aborted records:
 * their next commit moves their input offsets past records whose outputs were aborted. The soak
 * lost campaign counts and a withdrawal's purge that way. A fenced producer makes Kafka Streams
 * treat every task of the thread as lost: each is closed dirty and starts again from its last
 * commit, and the thread gets a new producer (a new instance of this class).
 *
 * <p>Where Kafka Streams resets every task itself after its abort (a lost or fenced thread), it
 * replaces the producer as well and the guard never fires; where a corrupted task's abort held only
 * that task's work, the guard costs one more reset of the thread's other tasks (a rebalance and
 * their restoration), never a wrong count. The evidence and the code path: docs/kafka-eos-abort.md.
 */
final class AbortFencingClientSupplier implements KafkaClientSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(AbortFencingClientSupplier.class);

    @Override
    public Admin getAdmin(final Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(final Map<String, Object> config) {
        return new AbortFencingProducer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(final Map<String, Object> config) {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(final Map<String, Object> config) {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(final Map<String, Object> config) {
        return consumer(config);
    }

    private static Consumer<byte[], byte[]> consumer(final Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A producer that will not begin a transaction after an abort (see the class comment). */
    static final class AbortFencingProducer extends KafkaProducer<byte[], byte[]> {

        private final Object transactionalId;
        private volatile boolean aborted;

        AbortFencingProducer(final Map<String, Object> config) {
            super(config, new ByteArraySerializer(), new ByteArraySerializer());
            this.transactionalId = config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        }

        @Override
        public void abortTransaction() {
            aborted = true; // first: an abort that fails half way leaves the transaction as unknown
            super.abortTransaction();
        }

        /**
         * Fails once after an abort. Kafka Streams answers by closing the thread's tasks and
         * replacing this producer; were it to begin again on this one, it would go on.
         */
        @Override
        public void beginTransaction() {
            if (aborted) {
                aborted = false;
                LOG.warn("producer {}: a transaction of this stream thread was aborted while its other tasks went on;"
                        + " resetting every task of the thread to its last commit", transactionalId);
                throw new ProducerFencedException("a transaction was aborted: the thread's tasks must start again"
                        + " from their last commit");
            }
            super.beginTransaction();
        }
    }
}
