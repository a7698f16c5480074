package io.pixelgate.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.registry.SchemaRegistryException;
import io.pixelgate.schemas.serde.InputDecoder;
import io.pixelgate.schemas.serde.InvalidInputException;
import io.pixelgate.schemas.serde.RecordJson;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pixelgate consume TOPIC}: any Pixelgate topic's records as JSON lines, for the many Kafka
 * clients that cannot decode Avro (Debian's kcat among them). Values in the Confluent wire format
 * are decoded through the registry, JSON input is shown as it was written, tombstones as
 * {@code null}; only committed records are read.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Prints a topic's records, one JSON object a line:",
                "  {\"topic\":...,\"partition\":0,\"offset\":12,\"timestamp\":\"2026-11-22T10:00:00Z\",\"key\":\"p-42\","
                        + "\"value\":{...}}",
                "Avro values are decoded through the schema registry (bytes fields as base64), a tombstone's value is "
                        + "null, and a value that does not decode is shown as text (or base64) with an \"error\".",
                "Reads with isolation.level=read_committed, no consumer group: from the end (new records) unless "
                        + "--from-beginning."})
final class ConsumeCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    @Parameters(paramLabel = "TOPIC", description = "A Pixelgate topic, with or without the prefix, e.g. tracked-sends.")
    String topicName;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = {"-e", "--exit-at-end"},
            description = "Stop at the end of the topic as it was when reading started (as kcat -e), instead of waiting "
                    + "for new records.")
    boolean exitAtEnd;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Spec
    CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() {
        if (max != null && max < 1) {
            throw new ParameterException(spec.commandLine(), "--max must be at least 1, got " + max);
        }
        final PixelgateConfig config = connection.load();
        final PixelgateRuntime runtime = PixelgateRuntime.connect(config);
        final Topic<?> topic = resolve(runtime.topics(), CommonSettings.TOPIC_PREFIX.from(config), topicName);
        requireRegistry(runtime, topic);
        final PrintWriter out = spec.commandLine().getOut();
        try (KafkaConsumer<String, byte[]> consumer = consumer(CommonSettings.BOOTSTRAP_SERVERS.from(config))) {
            final List<TopicPartition> partitions = partitions(consumer, topic, CommonSettings.BOOTSTRAP_SERVERS.from(config));
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            print(consumer, partitions, topic, out);
        }
        return 0;
    }

    private <V extends SpecificRecord> void print(final KafkaConsumer<String, byte[]> consumer,
                                                                          final List<TopicPartition> partitions,
                                                                          final Topic<V> topic, final PrintWriter out) {
        // read_committed: the end offsets are the last stable ones
        final Map<TopicPartition, Long> ends = exitAtEnd ? consumer.endOffsets(partitions) : Map.of();
        // Whatever is there is shown: no input limit applies to reading for a person.
        final InputDecoder<V> decoder = new InputDecoder<>(topic.valueSerde(), topic.type(), Integer.MAX_VALUE, null);
        long printed = 0;
        while (max == null || printed < max) {
            if (exitAtEnd && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                return;
            }
            for (final ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                out.println(line(record, decoder));
                printed++;
                if (max != null && printed >= max) {
                    break;
                }
            }
            out.flush();
        }
        out.flush();
    }

    private String line(final ConsumerRecord<String, byte[]> record, final InputDecoder<?> decoder) {
        final ObjectNode line = json.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", record.key());
        if (record.value() == null) {
            line.putNull("value");
        } else {
            try {
                line.set("value", RecordJson.of(decoder.decode(record.value(), record.timestamp())));
            } catch (final InvalidInputException undecodable) {
                line.put("value", textOrBase64(record.value()));
                line.put("error", undecodable.getMessage());
            }
        }
        try {
            return json.writeValueAsString(line);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON line for offset " + record.offset(), e);
        }
    }

    /** The topic named {@code name}, with or without this deployment's prefix. */
    static Topic<?> resolve(final Topics topics, final String prefix, final String name) {
        return topics.all().stream()
                .filter(topic -> topic.name().equals(name) || topic.name().equals(prefix + name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic '" + name + "': Pixelgate's topics are "
                        + topics.all().stream().map(Topic::name).collect(Collectors.joining(", "))
                        + " (the prefix, setting " + CommonSettings.TOPIC_PREFIX.key() + ", may be left out)"));
    }

    /** Fails now, naming the registry, rather than at the first Avro value. */
    private static void requireRegistry(final PixelgateRuntime runtime, final Topic<?> topic) {
        try {
            runtime.registry().latest(topic.name() + "-value");
        } catch (final SchemaRegistryException e) {
            if (!e.notFound()) {
                throw new IllegalStateException("cannot decode " + topic.name() + ": " + e.getMessage(), e);
            }
        }
    }

    private static List<TopicPartition> partitions(final KafkaConsumer<String, byte[]> consumer, final Topic<?> topic,
                                                   final String bootstrap) {
        final Map<String, List<PartitionInfo>> existing;
        try {
            existing = consumer.listTopics(METADATA_TIMEOUT);
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within " + METADATA_TIMEOUT
                    + " (setting " + CommonSettings.BOOTSTRAP_SERVERS.key() + ", flag --bootstrap-servers)", e);
        }
        final List<PartitionInfo> partitions = existing.get(topic.name());
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " does not exist in the cluster at " + bootstrap
                    + " (the applications create it when they start)");
        }
        return partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static KafkaConsumer<String, byte[]> consumer(final String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "pixelgate-consume"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String textOrBase64(final byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (final CharacterCodingException notText) {
            return "base64:" + Base64.getEncoder().encodeToString(value);
        }
    }
}
