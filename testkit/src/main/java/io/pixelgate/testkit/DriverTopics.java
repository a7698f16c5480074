package io.pixelgate.testkit;

import io.pixelgate.schemas.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A topology test driver's topics, keyed by strings, with each topic's own value serde. */
public final class DriverTopics {

    private DriverTopics() {
    }

    /** An input that takes raw values: JSON, framed Avro or garbage, as a producer might send. */
    public static TestInputTopic<String, byte[]> rawInput(final TopologyTestDriver driver, final Topic<?> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer());
    }

    /** An input that takes values framed as Avro by the topic's serde. */
    public static <V extends SpecificRecord> TestInputTopic<String, V> input(final TopologyTestDriver driver,
                                                                             final Topic<V> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(), topic.valueSerde().serializer());
    }

    /** An output read with the topic's serde. */
    public static <V extends SpecificRecord> TestOutputTopic<String, V> output(final TopologyTestDriver driver,
                                                                               final Topic<V> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), topic.valueSerde().deserializer());
    }
}
