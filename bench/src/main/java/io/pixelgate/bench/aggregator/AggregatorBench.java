package io.pixelgate.bench.aggregator;

import io.pixelgate.aggregator.AggregatorSettings;
import io.pixelgate.aggregator.AggregatorStores;
import io.pixelgate.aggregator.AggregatorTopology;
import io.pixelgate.aggregator.OpenAggregatorApplication;
import io.pixelgate.bench.BenchEnvironment;
import io.pixelgate.bench.BenchProducers;
import io.pixelgate.bench.BenchResult;
import io.pixelgate.bench.CpuWindow;
import io.pixelgate.bench.Benchmark;
import io.pixelgate.bench.PassThroughTopology;
import io.pixelgate.bench.Percentiles;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.StreamsApp;
import io.pixelgate.schemas.Topics;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The open-aggregator's benchmark (issue: "Speed"), on the broker and registry {@code pixelgate bench}
 * provides:
 * <ol>
 * <li>Throughput: the same pre-produced hits through the real topology and through a pass-through
 *     Streams app (same exactly-once configuration, bytes in, bytes out), alternately, in the same
 *     run; each rate is hits over the time from RUNNING until every input and repartition offset is
 *     committed. The best round of each counts. The dedupe store's size on disk is measured after the
 *     real topology closes, per tracked message, and scaled to a million.</li>
 * <li>Purge latency: while hits flow at 5,000/s, withdrawals are produced to consent-state, and the
 *     time until each tombstone is read (read_committed) from profile-engagement is recorded.</li>
 * </ol>
 * Options: {@code hits} (100000), {@code profiles} (20000), {@code rounds} (2), {@code purge.rate}
 * (5000), {@code purge.seconds} (30; withdrawals start after a quarter of it).
 */
public final class AggregatorBench implements Benchmark {

    private static final String NAME = "open-aggregator";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "hits/s through the aggregator vs a pass-through Streams app; purge latency under 5,000 hits/s";
    }

    @Override
    public List<BenchResult> run(final BenchEnvironment environment) throws Exception {
        final Map<String, String> options = environment.options();
        final int hits = Integer.parseInt(options.getOrDefault("hits", "100000"));
        final int profiles = Integer.parseInt(options.getOrDefault("profiles", "20000"));
        final int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        final int purgeRate = Integer.parseInt(options.getOrDefault("purge.rate", "5000"));
        final int purgeSeconds = Integer.parseInt(options.getOrDefault("purge.seconds", "30"));
        return List.of(throughput(environment, hits, profiles, rounds),
                purgeLatency(environment, profiles, purgeRate, purgeSeconds));
    }

    private BenchResult throughput(final BenchEnvironment environment, final int hits, final int profiles,
                                   final int rounds) throws Exception {
        final TokenKeys keys = TokenKeys.generate("bench");
        final PixelgateRuntime runtime = environment.newRuntime(Map.of(CommonSettings.TOKEN_KEYS.key(), keys.toConfigString()));
        final Topics topics = runtime.topics();
        final BenchHits data = new BenchHits(new TokenCodec(keys), profiles, Instant.now().minus(Duration.ofHours(1)), 7);
        try (KafkaProducer<String, byte[]> producer = BenchProducers.bytes(environment.bootstrapServers(), 5)) {
            data.produceConsents(producer, topics, Instant.now().minus(Duration.ofHours(2)));
            final Instant start = Instant.now();
            for (int i = 0; i < hits; i++) {
                data.produceHit(producer, topics, start.plusMillis(i / 20));
                if (i % 20_000 == 0) {
                    environment.progress("producing hits", i, hits);
                }
            }
            producer.flush();
        }
        final String passThroughTopic = CommonSettings.TOPIC_PREFIX.from(runtime.config()) + "bench-passthrough";
        createTopic(environment, runtime, passThroughTopic);
        final Set<String> hitTopics = Set.of(topics.openHits().name(), topics.clickHits().name());
        final AggregatorSettings settings = AggregatorSettings.from(runtime.config());
        final List<Measured> baseline = new ArrayList<>();
        final List<Measured> subject = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            environment.progress("throughput rounds", round - 1, rounds);
            baseline.add(measure(environment, runtime, PassThroughTopology.build(List.copyOf(hitTopics), passThroughTopic),
                    "passthrough", hitTopics, hits));
            subject.add(measure(environment, runtime,
                    AggregatorTopology.build(topics, settings), "aggregator", hitTopics, hits));
        }
        final Measured best = subject.stream().max(Comparator.comparingDouble(Measured::rate)).orElseThrow();
        final Measured bestBaseline = baseline.stream().max(Comparator.comparingDouble(Measured::rate)).orElseThrow();
        final long storeBytes = directoryBytes(best.stateDir(), AggregatorStores.MESSAGE_STORE);
        // Bytes per entry are also MB per million entries.
        final double bytesPerEntry = (double) storeBytes / data.trackedMessages();
        return new BenchResult(NAME, "hits/s through the aggregator topology (" + hits + " hits)", best.rate(),
                "pass-through Streams app, same records, same run", bestBaseline.rate(), ">= 60% of baseline", null,
                null, environment.peakRssBytes(), String.format("rounds aggregator %s vs pass-through %s hits/s; "
                        + "CPU of the app's threads %.1f vs %.1f us/hit (ratio %.2f); whole machine %.1f vs %.1f us/hit; dedupe store %d entries, "
                        + "%d bytes on disk after close = %.0f bytes/entry = %.0f MB per million messages "
                        + "(36-character profile ids, 39-character message ids)", rates(subject), rates(baseline),
                        best.cpu().applicationUs(), bestBaseline.cpu().applicationUs(),
                        1 / best.cpu().applicationTimes(bestBaseline.cpu()), best.cpu().machineUs(),
                        bestBaseline.cpu().machineUs(),
                        data.trackedMessages(), storeBytes, bytesPerEntry, bytesPerEntry));
    }

    private BenchResult purgeLatency(final BenchEnvironment environment, final int profiles, final int rate,
                                     final int seconds) throws Exception {
        final TokenKeys keys = TokenKeys.generate("bench");
        final PixelgateRuntime runtime = environment.newRuntime(Map.of(CommonSettings.TOKEN_KEYS.key(), keys.toConfigString()));
        final Topics topics = runtime.topics();
        final BenchHits data = new BenchHits(new TokenCodec(keys), profiles, Instant.now().minus(Duration.ofHours(1)), 11);
        try (KafkaProducer<String, byte[]> producer = BenchProducers.bytes(environment.bootstrapServers(), 5)) {
            data.produceConsents(producer, topics, Instant.now().minus(Duration.ofHours(2)));
        }
        final int withdrawals = Math.max(10, seconds * 4);
        final Map<String, Long> pending = new ConcurrentHashMap<>();
        final List<Double> latenciesMs = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean reading = new AtomicBoolean(true);
        final Properties props = StreamsApp.streamsConfig(runtime, "bench-purge-" + UUID.randomUUID(),
                OpenAggregatorApplication.STREAMS_DEFAULTS);
        final long produced;
        final double elapsedSeconds;
        try (StreamsApp app = StreamsApp.start("bench-purge", AggregatorTopology.build(topics,
                AggregatorSettings.from(runtime.config())), props, START_TIMEOUT);
             KafkaProducer<String, byte[]> producer = BenchProducers.bytes(environment.bootstrapServers(), 5)) {
            final Thread reader = new Thread(() -> readTombstones(environment, topics, pending, latenciesMs, reading),
                    "bench-tombstone-reader");
            reader.start();
            // Give each profile to be withdrawn an engagement record first.
            for (int w = 0; w < withdrawals; w++) {
                data.produceOpen(producer, topics, w, Instant.now());
            }
            final long start = System.nanoTime();
            final long end = start + TimeUnit.SECONDS.toNanos(seconds);
            // Withdrawals start once the load has run a while (JIT, caches), and end a second early.
            final long warmUp = TimeUnit.SECONDS.toNanos(Math.max(2, seconds / 4));
            final long withdrawEvery = (end - start - warmUp - TimeUnit.SECONDS.toNanos(1)) / withdrawals;
            long sent = 0;
            int withdrawn = 0;
            while (System.nanoTime() < end) {
                final long now = System.nanoTime();
                final long due = (now - start) * rate / 1_000_000_000L;
                for (; sent < due; sent++) {
                    data.produceHit(producer, topics, Instant.now());
                }
                if (withdrawn < withdrawals && now - start >= warmUp + withdrawn * withdrawEvery) {
                    final Instant at = Instant.now();
                    final ConsentState state = data.consent(withdrawn, at, ConsentStatus.WITHDRAWN);
                    pending.put(state.getProfileId(), System.nanoTime());
                    BenchHits.send(producer, topics.consentState(), state.getProfileId(), state);
                    producer.flush();
                    withdrawn++;
                }
                Thread.sleep(2);
            }
            produced = sent;
            elapsedSeconds = (System.nanoTime() - start) / 1e9;
            environment.progress("purge latency", withdrawals, withdrawals);
            final long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (latenciesMs.size() < withdrawn && System.nanoTime() < drainDeadline) {
                Thread.sleep(50);
            }
            reading.set(false);
            reader.join(10_000);
        }
        final List<Double> sorted = latenciesMs.stream().sorted().toList();
        return new BenchResult(NAME, "purge: withdrawal produced -> tombstone consumed", produced / elapsedSeconds,
                null, null, "p99 < 1000 ms at " + rate + " hits/s", Percentiles.nearestRank(sorted, 0.5),
                Percentiles.nearestRank(sorted, 0.99),
                environment.peakRssBytes(), String.format("%d of %d tombstones seen; max %.0f ms; hits produced %d in "
                        + "%.1f s (rate is the hits/s offered)", sorted.size(), withdrawals,
                        sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1), produced, elapsedSeconds));
    }

    private static void readTombstones(final BenchEnvironment environment, final Topics topics,
                                       final Map<String, Long> pending, final List<Double> latenciesMs,
                                       final AtomicBoolean reading) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-tombstones-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.profileEngagement().name()));
            while (reading.get()) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    final Long sentAt = record.value() == null ? pending.remove(record.key()) : null;
                    if (sentAt != null) {
                        latenciesMs.add((System.nanoTime() - sentAt) / 1e6);
                    }
                }
            }
        }
    }

    /**
     * @param rate    hits per second of wall time
     * @param cpu     CPU per hit, of the application's own threads and of the whole machine
     * @param stateDir where the application kept its state
     */
    private record Measured(double rate, CpuWindow.PerRecord cpu, Path stateDir) {
    }

    /** Runs {@code topology} on the hits already produced; hits/s from RUNNING to every offset committed. */
    private static Measured measure(final BenchEnvironment environment, final PixelgateRuntime runtime,
                                    final Topology topology, final String kind, final Set<String> hitTopics,
                                    final int hits) throws Exception {
        final String applicationId = "bench-" + kind + "-" + UUID.randomUUID();
        final Path stateDir = environment.newDirectory("bench-" + kind);
        final Properties props = StreamsApp.streamsConfig(runtime, applicationId, OpenAggregatorApplication.STREAMS_DEFAULTS);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                environment.bootstrapServers()))) {
            final double seconds;
            final CpuWindow.PerRecord cpu;
            // The effective id: StreamsApp leads it with a non-default topic prefix.
            final String group = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            try (StreamsApp app = StreamsApp.start(applicationId, topology, props, START_TIMEOUT)) {
                final CpuWindow window = CpuWindow.open(applicationId);
                final long start = System.nanoTime();
                awaitCommitted(admin, group, hitTopics, hits);
                seconds = (System.nanoTime() - start) / 1e9;
                cpu = window.close(hits);
            }
            return new Measured(hits / seconds, cpu, stateDir);
        }
    }

    /** Until the group has committed every hit and caught up with every partition it reads. */
    private static void awaitCommitted(final Admin admin, final String group, final Set<String> hitTopics,
                                       final int hits) throws InterruptedException, ExecutionException, TimeoutException {
        final long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            final long hitsCommitted = committed.entrySet().stream()
                    .filter(e -> hitTopics.contains(e.getKey().topic()) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
            if (hitsCommitted >= hits && caughtUp(admin, committed)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(group + " did not commit " + hits + " hits within " + DRAIN_TIMEOUT);
    }

    private static boolean caughtUp(final Admin admin, final Map<TopicPartition, OffsetAndMetadata> committed)
            throws InterruptedException, ExecutionException, TimeoutException {
        final Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(30, TimeUnit.SECONDS);
        return committed.entrySet().stream().allMatch(e -> e.getValue() != null
                && e.getValue().offset() >= ends.get(e.getKey()).offset());
    }

    private static void createTopic(final BenchEnvironment environment, final PixelgateRuntime runtime,
                                    final String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                environment.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, CommonSettings.TOPIC_PARTITIONS.from(runtime.config()),
                    (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Bytes of every file under the directories named {@code storeName} below {@code root}. */
    private static long directoryBytes(final Path root, final String storeName) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> path.toString().contains("/" + storeName + "/")
                            || path.toString().contains("/" + storeName + "."))
                    .mapToLong(path -> {
                        try {
                            return Files.size(path);
                        } catch (final IOException e) {
                            return 0;
                        }
                    }).sum();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rates(final List<Measured> runs) {
        return runs.stream().map(run -> String.format("%.0f", run.rate())).collect(Collectors.joining("/"));
    }
}
