package io.pixelgate.platform.proof;

import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ProfileKey;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.KeyPartitions;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.proof.ProfileLedger.LedgerRecord;
import io.pixelgate.platform.proof.ProfileLedger.SealingKey;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.ledger.LedgerSeal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one profile's proof from Kafka: the consent-ledger records of the one partition its key
 * maps to, from the beginning to the end offset at the time of the call, and its latest record on
 * profile-keys (in the partition its key maps to there). An erasure is in the ledger itself, as its
 * {@code ERASED} entry, so consent-state is not read. Committed
 * records only, no consumer group (partitions are assigned), each read bounded by
 * {@code proof.read.timeout}. One read at a time: a Kafka consumer is not thread-safe.
 */
public final class LedgerReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topics topics;
    private final String bootstrap;
    private final Duration timeout;

    LedgerReader(final KafkaConsumer<String, byte[]> consumer, final Topics topics, final String bootstrap,
                 final Duration timeout) {
        this.consumer = consumer;
        this.topics = topics;
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    /** A reader with a consumer of its own, named {@code clientId}, on the cluster {@code config} names. */
    public static LedgerReader connect(final PixelgateConfig config, final Topics topics, final String clientId) {
        final String bootstrap = CommonSettings.BOOTSTRAP_SERVERS.from(config);
        return new LedgerReader(new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.CLIENT_ID_CONFIG, clientId),
                new StringDeserializer(), new ByteArrayDeserializer()),
                topics, bootstrap, ProofSettings.READ_TIMEOUT.from(config));
    }

    /**
     * The partition of {@code key} among {@code partitions}, as the Java producer's default
     * partitioner places a keyed record (murmur2 of the UTF-8 key), which is how consent-events
     * writes the ledger, consent-state and profile-keys.
     */
    public static int partitionOf(final String key, final int partitions) {
        return KeyPartitions.partitionOf(key, partitions);
    }

    /**
     * What Kafka holds for {@code profileId}'s proof.
     *
     * @throws IllegalStateException naming the topic, when a topic is missing or is not read in time
     */
    public synchronized ProfileLedger read(final String profileId) {
        final Topic<ConsentLedgerEntry> ledgerTopic = topics.consentLedger();
        final TopicPartition ledger = partition(ledgerTopic, profileId);
        final List<LedgerRecord> entries = new ArrayList<>();
        readAll(ledger, profileId, record -> entries.add(new LedgerRecord(record.partition(), record.offset(),
                ledgerTopic.valueSerde().decode(record.value()))));
        return new ProfileLedger(profileId, ledgerTopic.name(), ledger.partition(), entries, key(profileId));
    }

    private SealingKey key(final String profileId) {
        final Topic<ProfileKey> keys = topics.profileKeys();
        final SealingKey[] latest = {SealingKey.missing()};
        readAll(partition(keys, profileId), profileId, record -> latest[0] = record.value() == null
                ? SealingKey.deleted() : SealingKey.present(LedgerSeal.keyOf(keys.valueSerde().decode(record.value()))));
        return latest[0];
    }

    private TopicPartition partition(final Topic<?> topic, final String profileId) {
        final List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic.name(), timeout);
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not give the partitions of " + topic.name()
                    + " within " + timeout + " (setting " + ProofSettings.READ_TIMEOUT.key() + ", "
                    + CommonSettings.BOOTSTRAP_SERVERS.key() + ")", e);
        }
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " does not exist in the cluster at " + bootstrap
                    + " (consent-events creates it when it starts)");
        }
        return new TopicPartition(topic.name(), partitionOf(profileId, partitions.size()));
    }

    /** Every committed record of {@code profileId} in {@code partition}, up to its end offset as of now. */
    private void readAll(final TopicPartition partition, final String profileId,
                         final Consumer<ConsumerRecord<String, byte[]>> each) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            // read_committed: the end offset is the last stable one
            final long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            while (consumer.position(partition, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("not at the end offset " + end);
                }
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end && profileId.equals(record.key())) {
                        each.accept(record);
                    }
                }
            }
        } catch (final TimeoutException e) {
            throw new IllegalStateException("could not read " + partition + " from Kafka at " + bootstrap + " within "
                    + timeout + " (setting " + ProofSettings.READ_TIMEOUT.key() + "): " + e.getMessage(), e);
        } finally {
            consumer.unsubscribe();
        }
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
