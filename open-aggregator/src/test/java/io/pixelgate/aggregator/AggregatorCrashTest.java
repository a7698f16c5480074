package io.pixelgate.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pixelgate.aggregator.campaign.CampaignKey;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.events.Purpose;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.schemas.Topic;
import io.pixelgate.testkit.TestCluster;
import io.pixelgate.tokens.AnonymousPixel;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.PersonalPixel;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenKeys;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across a crash, on the real embedded broker: the aggregator runs in a child JVM that
 * is killed with SIGKILL ({@link Process#destroyForcibly()}) while hits are flowing (no close, no
 * flush, an open transaction, state stores mid-write), then started again on the same state
 * directory. Its counters must equal the ground truth computed from what was produced: nothing
 * lost, nothing counted twice.
 *
 * <p>A child JVM rather than an in-process {@code KafkaStreams.close(Duration.ZERO)}: a zero-timeout
 * close still runs shutdown code in the stream threads, so only a killed process shows what a
 * crash does.
 */
class AggregatorCrashTest {

    private static final int PROFILES = 30;
    /** Profiles below this index grant ENGAGEMENT_PROFILING as well as OPEN_MEASUREMENT. */
    private static final int PROFILED = 10;
    /** Profiles below this index grant OPEN_MEASUREMENT; the rest grant nothing. */
    private static final int MEASURED = 20;
    private static final int HITS = 4_000;
    private static final int HITS_PER_SECOND = 1_000;
    private static final String CHROME = Fixtures.CHROME;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (final Process child : children) {
            child.destroy();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void killedMidStreamAndRestartedCountsEveryHitExactlyOnce() throws Exception {
        // given profiles 0-9 granting measurement and profiling, 10-19 measurement only, 20-29 nothing
        final TestCluster cluster = TestCluster.shared();
        final TokenKeys keys = TokenKeys.generate("k1");
        // A short session time-out lets the restarted instance take over from the killed one quickly; an
        // application id of its own keeps its internal topics apart from other tests'.
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of(CommonSettings.TOKEN_KEYS.key(), keys.toConfigString(),
                "streams.session.timeout.ms", "6000", "streams.heartbeat.interval.ms", "1000",
                "streams.application.id", "pixelgate-open-aggregator-" + UUID.randomUUID(),
                // Hits without sends: the counters are compared, not the small-campaign threshold.
                AggregatorSettings.MIN_RECIPIENTS.key(), "0"));
        final Instant now = Instant.now();
        final World world = new World(new TokenCodec(keys), now.minus(Duration.ofHours(1)));
        try (KafkaProducer<String, byte[]> producer = producer(cluster)) {
            for (int p = 0; p < PROFILES; p++) {
                final ConsentState consent = p < PROFILED
                        ? Fixtures.granted(world.profile(p), now.minus(Duration.ofHours(2)), Purpose.OPEN_MEASUREMENT,
                        Purpose.ENGAGEMENT_PROFILING)
                        : p < MEASURED ? Fixtures.granted(world.profile(p), now.minus(Duration.ofHours(2)),
                        Purpose.OPEN_MEASUREMENT) : null;
                if (consent != null) {
                    send(producer, runtime.topics().consentState(), consent.getProfileId(), consent);
                }
            }
            producer.flush();
        }
        final Path config = writeConfig(runtime, cluster.newDirectory("crash-config"));
        final List<Hit> firstOpens = new ArrayList<>();
        final List<String> firstOpenKeys = new ArrayList<>();
        world.firstOpens(firstOpens, firstOpenKeys);
        final List<Hit> hits = new ArrayList<>();
        final List<String> hitKeys = new ArrayList<>();
        world.generate(HITS, new Random(42), hits, hitKeys);
        startChild(config, cluster);
        produce(cluster, runtime, firstOpens, firstOpenKeys);
        final int statsBeforeStream = cluster.reader(runtime.topics().campaignStats()).readUntil(
                list -> world.firstOpensCounted(latestPerKey(list)), Duration.ofSeconds(60)).size();

        // when the aggregator is killed while the hits stream in, and started again
        final AtomicInteger produced = new AtomicInteger();
        final CountDownLatch killed = new CountDownLatch(1);
        final Thread feeder = new Thread(() -> feed(cluster, runtime, hits, hitKeys, produced, killed), "hit-feeder");
        feeder.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> produced.get() >= HITS / 3);
        final List<ConsumerRecord<String, CampaignStats>> beforeKill = cluster.reader(runtime.topics().campaignStats())
                .readUntil(list -> list.size() > statsBeforeStream, Duration.ofSeconds(60));
        children.get(0).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        final int producedAtKill = produced.get();
        killed.countDown();
        startChild(config, cluster);
        feeder.join(120_000);

        // then the counters equal the ground truth
        assertThat(beforeKill).as("some counts of the stream were committed before the kill")
                .hasSizeGreaterThan(statsBeforeStream);
        assertThat(producedAtKill).as("the kill came mid-stream").isLessThan(HITS);
        final Map<String, Map<String, Long>> expected = world.expectedStats();
        final Map<String, Map<String, Long>> actual = latest(cluster, runtime.topics().campaignStats(),
                AggregatorCrashTest::counters, expected);
        assertThat(actual).isEqualTo(expected);
        final Map<String, Map<String, Long>> expectedEngagement = world.expectedEngagement();
        final Map<String, Map<String, Long>> actualEngagement = latest(cluster, runtime.topics().profileEngagement(),
                AggregatorCrashTest::engagementCounters, expectedEngagement);
        assertThat(actualEngagement).isEqualTo(expectedEngagement);
    }

    private static Map<String, CampaignStats> latestPerKey(final List<ConsumerRecord<String, CampaignStats>> records) {
        final Map<String, CampaignStats> latest = new HashMap<>();
        records.forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }

    private static void produce(final TestCluster cluster, final PixelgateRuntime runtime, final List<Hit> hits,
                                final List<String> keys) {
        try (KafkaProducer<String, byte[]> producer = producer(cluster)) {
            for (int i = 0; i < hits.size(); i++) {
                send(producer, runtime.topics().openHits(), keys.get(i), hits.get(i));
            }
        }
    }

    /** Reads a compacted output until its latest value per key matches {@code expected}, or 90 s pass. */
    private static <V extends SpecificRecord> Map<String, Map<String, Long>> latest(
            final TestCluster cluster, final Topic<V> topic, final Function<V, Map<String, Long>> view,
            final Map<String, Map<String, Long>> expected) {
        final Map<String, Map<String, Long>> latest = new HashMap<>();
        cluster.reader(topic).readUntil(list -> {
            latest.clear();
            list.forEach(record -> latest.put(record.key(), view.apply(record.value())));
            return latest.equals(expected);
        }, Duration.ofSeconds(90));
        return latest;
    }

    private static Map<String, Long> counters(final CampaignStats stats) {
        final Map<String, Long> view = new HashMap<>();
        view.put("opens", stats.getOpens());
        view.put("humanOpens", stats.getHumanOpens());
        view.put("machineOpens", stats.getMachineOpens());
        view.put("uniqueOpens", stats.getUniqueOpens());
        view.put("uniqueHumanOpens", stats.getUniqueHumanOpens());
        view.put("anonymousOpens", stats.getAnonymousOpens());
        view.put("clicks", stats.getClicks());
        view.put("uniqueClicks", stats.getUniqueClicks());
        view.put("anonymousClicks", stats.getAnonymousClicks());
        view.put("implicitOpens", stats.getImplicitOpens());
        view.put("rejectedHits", stats.getRejectedHits());
        return view;
    }

    private static Map<String, Long> engagementCounters(final ProfileEngagement engagement) {
        return Map.of("opens", engagement.getOpens(), "clicks", engagement.getClicks(),
                "uniqueMessagesOpened", engagement.getUniqueMessagesOpened());
    }

    private void startChild(final Path config, final TestCluster cluster) throws IOException {
        final Path log = cluster.newDirectory("aggregator-child").resolve("out.log");
        final Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), AggregatorChildProcess.class.getName(),
                config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(child);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            if (!child.isAlive()) {
                throw new IllegalStateException("the aggregator child exited with " + child.exitValue() + "; see " + log);
            }
            return Files.readString(log).contains(AggregatorChildProcess.READY);
        });
    }

    /**
     * Produces the hits at a steady pace; two thirds in, waits for the kill (if it has not come yet),
     * so that the kill always falls while hits are flowing, whatever the machine's speed.
     */
    private static void feed(final TestCluster cluster, final PixelgateRuntime runtime, final List<Hit> hits,
                             final List<String> keys, final AtomicInteger produced, final CountDownLatch killed) {
        final int perTick = HITS_PER_SECOND / 20;
        try (KafkaProducer<String, byte[]> producer = producer(cluster)) {
            for (int i = 0; i < hits.size(); i++) {
                if (i == hits.size() * 2 / 3) {
                    killed.await(60, TimeUnit.SECONDS);
                }
                final Hit hit = hits.get(i);
                send(producer, hit.getKind() == HitKind.OPEN ? runtime.topics().openHits() : runtime.topics().clickHits(),
                        keys.get(i), hit);
                if (i % perTick == perTick - 1) {
                    producer.flush();
                    produced.set(i + 1);
                    Thread.sleep(50);
                }
            }
            producer.flush();
            produced.set(hits.size());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <V extends SpecificRecord> void send(
            final KafkaProducer<String, byte[]> producer, final Topic<V> topic, final String key, final V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().encode(topic.name(), value)));
    }

    private static KafkaProducer<String, byte[]> producer(final TestCluster cluster) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static Path writeConfig(final PixelgateRuntime runtime, final Path dir) throws IOException {
        final Properties properties = new Properties();
        properties.putAll(runtime.config().asMap());
        final Path file = dir.resolve("aggregator.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "open-aggregator crash test");
        }
        return file;
    }

    /**
     * The crash scenario and its ground truth, computed from the hits as produced: human hits an
     * hour after the send, one link per message (no bursts), so the expected counts follow from the
     * rules without the classifier.
     *
     * <p>Opens and clicks travel on two topics, and the order in which a task takes records from
     * two partitions is not the order they were produced in (same-millisecond timestamps, and a
     * restarted task catching up). Whether a click implies an open depends on that order, so the
     * scenario keeps it out of the answer: each profile's message 0 is opened before the stream
     * starts (its clicks never imply an open), and message 1 is only ever clicked (its first click
     * always does).
     */
    private static final class World {
        private final TokenCodec codec;
        private final Instant sentAt;
        private final String prefix = "c" + UUID.randomUUID().toString().substring(0, 6);
        private final Map<String, Map<String, Long>> stats = new HashMap<>();
        private final Map<String, Map<String, Long>> engagement = new HashMap<>();
        private final Set<String> opened = new HashSet<>();
        private final Set<String> clicked = new HashSet<>();

        World(final TokenCodec codec, final Instant sentAt) {
            this.codec = codec;
            this.sentAt = sentAt;
        }

        /**
         * Each hit its own browser: the stream sends a message's opens and clicks milliseconds
         * apart, which from one source is a scanner's (open with click); people are not that fast.
         */
        private static String person(final int hit) {
            return CHROME + " person/" + hit;
        }

        String profile(final int index) {
            return prefix + "-p" + index;
        }

        CampaignIdentity campaign(final int index) {
            return switch (index) {
                case 0 -> Fixtures.campaign(prefix + "-a", "A");
                case 1 -> Fixtures.campaign(prefix + "-a", "B");
                default -> Fixtures.campaign(prefix + "-b", null);
            };
        }

        /** One open of every profile's message 0, to be counted before the stream starts. */
        void firstOpens(final List<Hit> hits, final List<String> keys) {
            for (int profile = 0; profile < PROFILES; profile++) {
                final MessageIdentity message = message(profile, 0);
                hits.add(Fixtures.hit(HitKind.OPEN, codec.issue(new PersonalPixel(message)), Instant.now(), person(-1 - profile), null));
                keys.add(message.profileId());
                count(message, profile, true);
            }
        }

        /** Whether the first opens show in the campaign counters: one unique open per measured profile. */
        boolean firstOpensCounted(final Map<String, CampaignStats> latest) {
            return latest.values().stream().mapToLong(CampaignStats::getUniqueOpens).sum() == MEASURED;
        }

        private MessageIdentity message(final int profile, final int m) {
            return new MessageIdentity(profile(profile) + "-m" + m, profile(profile),
                    campaign((profile + m) % 3), IdentifiedMode.PERSONAL, sentAt.toEpochMilli());
        }

        void generate(final int count, final Random random, final List<Hit> hits, final List<String> keys) {
            for (int i = 0; i < count; i++) {
                final int dice = random.nextInt(10);
                final Instant at = Instant.now();
                if (dice == 0) {
                    hits.add(Fixtures.hit(HitKind.OPEN, "forged-" + i, at, CHROME, null));
                    keys.add("invalid");
                    add(CampaignKey.REJECTED, "rejectedHits");
                } else if (dice <= 2) {
                    final CampaignIdentity campaign = campaign(random.nextInt(3));
                    hits.add(Fixtures.hit(HitKind.OPEN, codec.issue(new AnonymousPixel(campaign)), at, CHROME, null));
                    keys.add(campaign.campaignId());
                    add(CampaignKey.of(campaign), "opens", "humanOpens", "anonymousOpens");
                } else {
                    final int profile = random.nextInt(PROFILES);
                    final boolean open = dice <= 7;
                    final MessageIdentity message = message(profile, open ? 0 : random.nextInt(2));
                    hits.add(Fixtures.hit(open ? HitKind.OPEN : HitKind.CLICK, codec.issue(open ? new PersonalPixel(message)
                            : new Link(message, 0, "https://shop.example/")), at, person(i), null));
                    keys.add(message.profileId());
                    count(message, profile, open);
                }
            }
        }

        private void count(final MessageIdentity message, final int profile, final boolean open) {
            final String key = CampaignKey.of(message.campaign());
            if (profile >= MEASURED) {
                if (open) {
                    add(key, "opens", "humanOpens", "anonymousOpens");
                } else {
                    add(key, "clicks", "anonymousClicks");
                }
                return;
            }
            final boolean firstOpen = !opened.contains(message.messageId());
            if (open) {
                add(key, "opens", "humanOpens");
            } else {
                add(key, "clicks");
                if (clicked.add(message.messageId())) {
                    add(key, "uniqueClicks");
                    if (firstOpen) {
                        add(key, "implicitOpens");
                    }
                }
            }
            if (firstOpen) {
                opened.add(message.messageId());
                add(key, "uniqueOpens", "uniqueHumanOpens");
            }
            if (profile < PROFILED) {
                final Map<String, Long> record = engagement.computeIfAbsent(message.profileId(), p -> zeros(
                        "opens", "clicks", "uniqueMessagesOpened"));
                record.merge(open ? "opens" : "clicks", 1L, Long::sum);
                if (firstOpen) {
                    record.merge("uniqueMessagesOpened", 1L, Long::sum);
                }
            }
        }

        private void add(final String key, final String... counters) {
            final Map<String, Long> view = stats.computeIfAbsent(key, k -> zeros("opens", "humanOpens",
                    "machineOpens", "uniqueOpens", "uniqueHumanOpens", "anonymousOpens", "clicks", "uniqueClicks",
                    "anonymousClicks", "implicitOpens", "rejectedHits"));
            for (final String counter : counters) {
                view.merge(counter, 1L, Long::sum);
            }
        }

        private static Map<String, Long> zeros(final String... names) {
            final Map<String, Long> zeros = new HashMap<>();
            for (final String name : names) {
                zeros.put(name, 0L);
            }
            return zeros;
        }

        Map<String, Map<String, Long>> expectedStats() {
            return stats;
        }

        Map<String, Map<String, Long>> expectedEngagement() {
            return engagement;
        }
    }
}
