package io.pixelgate.soak;

import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.Hit;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The outputs, read committed from the start, against the ground truth: every send request has
 * exactly one tracked send; every answered hit is counted once at campaign level (and every send
 * once as sent); every withdrawal has its purge-log record and its profile-engagement tombstone; no
 * profile without ENGAGEMENT_PROFILING has an engagement record.
 */
final class Checks {

    private static final int SAMPLE = 5;

    private final Topics topics;
    private final String bootstrap;
    private final GroundTruth truth;

    /** One check: what was expected, what was found, and whether they agree. */
    record Result(String name, String figures, boolean ok) {
    }

    Checks(final Topics topics, final String bootstrap, final GroundTruth truth) {
        this.topics = topics;
        this.bootstrap = bootstrap;
        this.truth = truth;
    }

    List<Result> run() {
        return List.of(trackedSends(), campaignCounts(), withdrawals(), engagementOnlyWithProfiling());
    }

    private Result trackedSends() {
        final Map<String, Integer> count = new HashMap<>();
        read(topics.trackedSends()).forEach(r -> count.merge(r.value().getMessageId(), 1, Integer::sum));
        final Set<String> missing = new TreeSet<>(truth.sent.keySet());
        missing.removeAll(count.keySet());
        final List<String> doubled = count.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .sorted().toList();
        final Set<String> unknown = new TreeSet<>(count.keySet());
        unknown.removeAll(truth.sent.keySet());
        return new Result("every send request has exactly one tracked send",
                truth.sent.size() + " sent, " + count.size() + " tracked, " + missing.size() + " missing"
                        + sample(missing) + ", " + doubled.size() + " doubled" + sample(doubled) + ", "
                        + unknown.size() + " not sent" + sample(unknown),
                missing.isEmpty() && doubled.isEmpty() && unknown.isEmpty());
    }

    private Result campaignCounts() {
        final Map<String, CampaignStats> latest = latest(topics.campaignStats());
        final Map<String, Long> sent = truth.sent.values().stream()
                .collect(Collectors.groupingBy(key -> key, Collectors.counting()));
        final List<String> wrong = new ArrayList<>();
        final Set<String> keys = new TreeSet<>(sent.keySet());
        keys.addAll(truth.opens.keySet());
        keys.addAll(truth.clicks.keySet());
        long opens = 0;
        long clicks = 0;
        for (final String key : keys) {
            final CampaignStats stats = latest.get(key);
            final long expectOpens = count(truth.opens, key);
            final long expectClicks = count(truth.clicks, key);
            final long expectSent = sent.getOrDefault(key, 0L);
            final long gotOpens = stats == null ? 0 : stats.getOpens();
            final long gotClicks = stats == null ? 0 : stats.getClicks();
            final long gotSent = stats == null ? 0 : stats.getSent();
            opens += gotOpens;
            clicks += gotClicks;
            if (gotOpens != expectOpens || gotClicks != expectClicks || gotSent != expectSent) {
                wrong.add(key + " opens " + gotOpens + "/" + expectOpens + " clicks " + gotClicks + "/" + expectClicks
                        + " sent " + gotSent + "/" + expectSent);
            }
        }
        return new Result("every answered hit counted exactly once at campaign level",
                truth.total(truth.opens) + " pixels answered, " + opens + " opens counted; " + truth.total(truth.clicks)
                        + " clicks answered, " + clicks + " counted; " + truth.sent.size() + " sends"
                        + (wrong.isEmpty() ? "" : "; differing (counted/expected): " + wrong + "; " + hitsOnTopics()),
                wrong.isEmpty());
    }

    /**
     * Where the difference arose: the answered hits missing from the hit topics (or there more
     * often than answered) were lost or doubled by the edge; if there are none, by the aggregator.
     * Rejected records are counted too: the soak sends no bad input.
     */
    private String hitsOnTopics() {
        final Map<String, Long> onTopics = new HashMap<>();
        for (final Topic<Hit> topic : List.of(topics.openHits(), topics.clickHits())) {
            read(topic).forEach(r -> onTopics.merge(r.value().getToken(), 1L, Long::sum));
        }
        final Set<String> missing = new TreeSet<>();
        final Set<String> extra = new TreeSet<>();
        truth.answeredTokens.forEach((token, answered) -> {
            final long seen = onTopics.getOrDefault(token, 0L);
            if (seen < answered.get()) {
                missing.add(token);
            } else if (seen > answered.get()) {
                extra.add(token);
            }
        });
        return "answered hits missing from the hit topics: " + missing.size() + sample(missing)
                + ", there more often than answered: " + extra.size() + sample(extra)
                + ", records on " + topics.rejected().name() + ": " + read(topics.rejected()).size();
    }

    private Result withdrawals() {
        final Set<String> purged = read(topics.purgeLog()).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        final Set<String> tombstoned = new HashSet<>();
        read(topics.profileEngagement()).forEach(r -> {
            if (r.value() == null) {
                tombstoned.add(r.key());
            }
        });
        final Set<String> noPurge = new TreeSet<>(truth.withdrawn.keySet());
        noPurge.removeAll(purged);
        final Set<String> noTombstone = new TreeSet<>(truth.withdrawn.keySet());
        noTombstone.removeAll(tombstoned);
        return new Result("every withdrawal produced its tombstone and purge-log record",
                truth.withdrawn.size() + " withdrawals, " + noPurge.size() + " without a purge-log record" + sample(noPurge)
                        + ", " + noTombstone.size() + " without a tombstone" + sample(noTombstone),
                noPurge.isEmpty() && noTombstone.isEmpty());
    }

    private Result engagementOnlyWithProfiling() {
        final Map<String, ProfileEngagement> latest = latest(topics.profileEngagement());
        final Set<String> unconsented = latest.keySet().stream().filter(profile -> !truth.mayHaveEngagement(profile))
                .collect(Collectors.toCollection(TreeSet::new));
        return new Result("no profile-engagement record for a profile without ENGAGEMENT_PROFILING",
                latest.size() + " engagement records, " + unconsented.size() + " without ENGAGEMENT_PROFILING"
                        + sample(unconsented), unconsented.isEmpty());
    }

    /** The last value of each key; keys whose last value is a tombstone are left out. */
    private <V extends SpecificRecord> Map<String, V> latest(final Topic<V> topic) {
        final Map<String, V> latest = new HashMap<>();
        read(topic).forEach(r -> {
            if (r.value() == null) {
                latest.remove(r.key());
            } else {
                latest.put(r.key(), r.value());
            }
        });
        return latest;
    }

    /** Every committed record of {@code topic}, up to its end when asked, in partition order. */
    private <V extends SpecificRecord> List<ConsumerRecord<String, V>> read(final Topic<V> topic) {
        final List<ConsumerRecord<String, V>> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = CommittedReader.fromBeginning(bootstrap, topic.name())) {
            final Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                for (final ConsumerRecord<String, byte[]> raw : consumer.poll(Duration.ofMillis(500))) {
                    final V value = raw.value() == null ? null : topic.valueSerde().decode(raw.value());
                    read.add(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.key(), value));
                }
            }
        }
        return read;
    }

    private static long count(final Map<String, AtomicLong> counts, final String key) {
        final AtomicLong count = counts.get(key);
        return count == null ? 0 : count.get();
    }

    private static String sample(final Collection<String> items) {
        return items.isEmpty() ? "" : " (e.g. " + items.stream().limit(SAMPLE).collect(Collectors.joining(", ")) + ")";
    }
}
