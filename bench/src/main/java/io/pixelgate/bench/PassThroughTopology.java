package io.pixelgate.bench;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The benchmarks' baselines, run under the same configuration as the application measured, values
 * opaque bytes: the least a Streams application can do with a record (read, map, write), and the
 * same with one repartition on the way, the shape the send-enricher has to have (every record
 * crosses Streams twice).
 */
public final class PassThroughTopology {

    private PassThroughTopology() {
    }

    /** Read, map, write. */
    public static Topology build(final List<String> inputs, final String output) {
        return build(inputs, output, false);
    }

    /** Read, map, write; through a repartition topic between map and write when {@code repartition}. */
    public static Topology build(final List<String> inputs, final String output, final boolean repartition) {
        final StreamsBuilder builder = new StreamsBuilder();
        final KStream<String, byte[]> mapped = builder.stream(inputs, Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("pass-through-source"))
                .mapValues(value -> value, Named.as("pass-through-map"));
        final KStream<String, byte[]> shuffled = repartition
                ? mapped.repartition(Repartitioned.<String, byte[]>as("pass-through-shuffle")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()))
                : mapped;
        shuffled.to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("pass-through-sink"));
        return builder.build();
    }
}
