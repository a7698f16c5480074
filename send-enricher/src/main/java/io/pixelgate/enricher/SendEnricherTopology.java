package io.pixelgate.enricher;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ProjectSettings;
import io.pixelgate.events.SendRequest;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.platform.Inputs;
import io.pixelgate.platform.Outputs;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.tokens.TokenCodec;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The send-enricher topology: send-requests in; tracked-sends and rejected out.
 *
 * <pre>
 * send-requests (bytes) ─ decode+validate ─┬─ invalid ─► rejected
 *                                          └─ stamp requestedAt ─ by profile ─┐ (repartition, unless
 *                                                                              already keyed by it in place)
 * consent-state ─► versioned table (as of OPEN_MEASUREMENT's since) ─ left join as of the send's time
 * project-settings ─ decode+validate ─► project-settings-accepted ─► global store ─ by projectId ─ decide + enrich
 *                                                                  └─► tracked-sends (by messageId)
 * </pre>
 *
 * <p>Ordering across the two inputs of the join task: Kafka Streams picks the record with the
 * lowest timestamp among the partitions that have data, and with {@code max.task.idle.ms} 0 (the
 * default; {@code streams.max.task.idle.ms} to change it) it waits for data already on the broker
 * but not for producers. A consent change stamped before a send but produced after the send was
 * processed is not seen by it: the decision stands, and the open-aggregator stops attributing that
 * message's hits after a withdrawal. {@code send.enricher.join.grace} trades latency for waiting.
 */
public final class SendEnricherTopology {

    /** Repartition of the sends by profileId, co-partitioned with consent-state. */
    public static final String BY_PROFILE = "send-requests-by-profile";
    public static final String CONSENT_JOIN = "send-consent-join";
    public static final String ENRICH = "send-decide-enrich";

    private SendEnricherTopology() {
    }

    public static Topology build(final Topics topics, final EnricherSettings settings) {
        return build(topics, settings, decision -> { }, route -> { });
    }

    /**
     * As above, telling {@code decided} every decision and {@code routed} every send's route (the
     * operations endpoint's counters).
     */
    public static Topology build(final Topics topics, final EnricherSettings settings,
                                 final Consumer<TrackingDecision> decided, final Consumer<SendRoute> routed) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Inputs inputs = new Inputs(builder, topics);
        final TrackingUrls urls = new TrackingUrls(new TokenCodec(settings.tokenKeys()), settings.edgePublicUrl());
        final OpenMeasurementSerde versions = new OpenMeasurementSerde(topics.consentState().valueSerde());
        final KTable<String, OpenMeasurementConsent> consent = consentAsOfEventTime(builder, topics.consentState(),
                versions, settings);
        projectSettings(builder, inputs, topics);

        final Topic<SendRequest> input = topics.sendRequests();
        final KStream<String, SendRequest> sends = inputs
                .read(input, "send-request", SendRequestValidator::validate)
                .processValues(SendEventTime::new, Named.as("send-event-time"));

        final Topic<TrackedSend> output = topics.trackedSends();
        byProfile(inputs, input, sends, settings.inPlacePartitions(), routed)
                // Versioned table: the consent found is the one in force at the send's timestamp,
                // not the latest. A null (left join) means no consent known as of then.
                .leftJoin(consent, SendContext::new, joined(input.valueSerde(), versions, settings))
                // Settings come from the global store (a global table kept by ProjectSettingsUpdater),
                // looked up by projectId as of processing time; absent means defaults.
                .process(() -> new DecideAndEnrich(output, new SendEnrichment(urls, settings.maxLinks(),
                                settings.honeypotUrl()), decided), Named.as(ENRICH))
                .to(output.name(), Outputs.encoded(output, "tracked-sends-sink"));
        return builder.build();
    }

    /**
     * The sends keyed by profileId, each in the task that holds its profile's consent. The
     * producer's key is whatever it chose (messageId, usually), so a send is re-keyed through a
     * repartition topic, unless it is already keyed by its profileId in that key's partition
     * ({@link SendRouting}; only when send-requests and consent-state have the same partition count,
     * {@code partitions}, else 0 and every send is shuffled). The record timestamp set before the
     * shuffle (the send's event time) survives it.
     */
    private static KStream<String, SendRequest> byProfile(final Inputs inputs, final Topic<SendRequest> input,
                                                          final KStream<String, SendRequest> sends,
                                                          final int partitions, final Consumer<SendRoute> routed) {
        if (partitions == 0) {
            return shuffled(inputs, input, sends);
        }
        final Map<String, KStream<String, SendRouting.Routed>> routes = sends
                .processValues(() -> new SendRouting(partitions, routed), Named.as("send-route"))
                .split(Named.as("send-"))
                .branch((key, send) -> send.route() == SendRoute.IN_PLACE, Branched.as("in-place"))
                .defaultBranch(Branched.as("shuffled"));
        final KStream<String, SendRequest> inPlace = routes.get("send-in-place")
                .mapValues(SendRouting.Routed::send, Named.as("send-in-place-value"));
        final KStream<String, SendRequest> toShuffle = routes.get("send-shuffled")
                .mapValues(SendRouting.Routed::send, Named.as("send-shuffled-value"));
        return inPlace.merge(shuffled(inputs, input, toShuffle), Named.as("send-by-profile"));
    }

    private static KStream<String, SendRequest> shuffled(final Inputs inputs, final Topic<SendRequest> input,
                                                         final KStream<String, SendRequest> sends) {
        return inputs.repartition(sends, "send", (key, send) -> send.getProfileId(),
                Repartitioned.<String, SendRequest>as(BY_PROFILE)
                        .withKeySerde(Serdes.String()).withValueSerde(input.valueSerde()));
    }

    /**
     * Consent-state as a versioned table: each version is one OPEN_MEASUREMENT decision from the
     * time it took effect ({@link OpenMeasurementTime}), kept for the history retention, so the join
     * reads the consent in force at the send's own time. A send older than the retention behind the
     * newest consent of its partition finds nothing, so it is not personal. Source-topic reuse as
     * changelog must stay off (the default): a restore from the source would lose the extracted times.
     */
    private static KTable<String, OpenMeasurementConsent> consentAsOfEventTime(final StreamsBuilder builder,
                                                                               final Topic<ConsentState> state,
                                                                               final OpenMeasurementSerde versions,
                                                                               final EnricherSettings settings) {
        // Read as what the decision needs of it, so that the store keeps and the join decodes only that.
        return builder.table(state.name(),
                Consumed.with(state.keySerde(), versions)
                        .withTimestampExtractor(new OpenMeasurementTime(settings.consentHistoryRetention(), Clock.systemUTC()))
                        .withName("consent-state-source"),
                EnricherStores.consentVersions(state, versions, settings.consentHistoryRetention()));
    }

    /**
     * Project settings as a global table: every instance holds all projects, so sends need no
     * shuffle by project. A global store cannot send what it cannot read to the rejected topic, so
     * project-settings is read as a stream first, through the same gate as every input; what passes
     * (tombstones too) goes to project-settings-accepted, which the global store is kept from by
     * {@link ProjectSettingsUpdater}. A restore then replays only settings that were accepted.
     */
    private static void projectSettings(final StreamsBuilder builder, final Inputs inputs, final Topics topics) {
        final Topic<ProjectSettings> accepted = topics.projectSettingsAccepted();
        inputs.readCompacted(topics.projectSettings(), "project-settings", ProjectSettingsValidator::validate)
                .to(accepted.name(), Outputs.produced(accepted, "project-settings-accepted-sink"));
        builder.addGlobalStore(EnricherStores.projectSettings(accepted), accepted.name(),
                Consumed.with(accepted.keySerde(), accepted.valueSerde())
                        .withName("project-settings-accepted-source"),
                ProjectSettingsUpdater::new);
    }

    /**
     * A grace period holds each send in a buffer until stream time passes its timestamp plus the
     * grace, so consent changes stamped before it but arriving up to that much later still count;
     * it delays every decision by at least that much, and a send waits for later records to move
     * stream time on. Zero (the default) decides at once.
     */
    private static Joined<String, SendRequest, OpenMeasurementConsent> joined(final Serde<SendRequest> sendSerde,
                                                                              final OpenMeasurementSerde versions,
                                                                              final EnricherSettings settings) {
        final Joined<String, SendRequest, OpenMeasurementConsent> joined = Joined.with(Serdes.String(), sendSerde, versions,
                CONSENT_JOIN);
        return settings.joinGrace().isZero() ? joined : joined.withGracePeriod(settings.joinGrace());
    }
}
