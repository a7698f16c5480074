package io.pixelgate.testkit;

import io.pixelgate.schemas.Topic;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reading a topic on any cluster, not only the shared test cluster. */
public final class TopicReaderSupport {

    private TopicReaderSupport() {
    }

    /** The values of the first {@code count} records of {@code topic}, waiting at most {@code timeout}. */
    public static <V extends SpecificRecord> List<V> values(final String bootstrapServers, final Topic<V> topic,
                                                           final int count, final Duration timeout) {
        final List<ConsumerRecord<String, V>> records = new TopicReader<>(bootstrapServers, topic).read(count, timeout);
        if (records.size() < count) {
            throw new AssertionError("expected " + count + " records on " + topic.name() + " within " + timeout
                    + ", read " + records.size());
        }
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
