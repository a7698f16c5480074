package io.pixelgate.enricher.bench;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The benchmark's baseline: the least a Streams application can do with a record (read, map,
 * write), under the same configuration as the enricher. Values stay opaque bytes.
 */
public final class PassThroughTopology {

    private PassThroughTopology() {
    }

    public static Topology build(final String input, final String output) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("pass-through-source"))
                .mapValues(value -> value, Named.as("pass-through-map"))
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("pass-through-sink"));
        return builder.build();
    }
}
