package io.pixelgate.consent;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ErasureRequest;
import io.pixelgate.platform.Inputs;
import io.pixelgate.platform.Outputs;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The consent-events topology: consent-changes and erasure-requests in; consent-state, consent-ledger,
 * profile-keys, purge-log and rejected out.
 *
 * <pre>
 * consent-changes (bytes) ─ decode+validate ─┬─ invalid ─► rejected
 *                                             └─ by profile ─► apply ─┐
 * erasure-requests (bytes) ─ decode+validate ─┬─ invalid ─► rejected   │ (the same stores)
 *                                             └─ by profile ─► erase ─┴─► consent-ledger (every input)
 *                                                                      ├─► consent-state (changed, or a tombstone)
 *                                                                      ├─► profile-keys (a new key, or a tombstone)
 *                                                                      └─► purge-log (erasures)
 * </pre>
 */
public final class ConsentTopology {

    /** Repartition of the changes by profileId, so that one task owns a profile's state. */
    public static final String BY_PROFILE = "consent-changes-by-profile";
    /** Repartition of the erasure requests by profileId, into the task that owns the profile's state. */
    public static final String ERASURES_BY_PROFILE = "erasure-requests-by-profile";

    private ConsentTopology() {
    }

    public static Topology build(final Topics topics, final ConsentSettings settings) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Inputs inputs = new Inputs(builder, topics);
        ConsentStores.addTo(builder, topics);

        final KStream<String, ConsentOutputs> outcomes = changes(inputs, topics, settings)
                .merge(erasures(inputs, topics, settings), Named.as("consent-outputs"));

        outcomes.mapValues(ConsentOutputs::ledger, Named.as("consent-ledger-entry"))
                .to(topics.consentLedger().name(), Outputs.encoded(topics.consentLedger(), "consent-ledger-sink"));
        outcomes.filter((profileId, outputs) -> outputs.writesState(), Named.as("consent-changed"))
                .mapValues(ConsentOutputs::state, Named.as("consent-new-state"))
                .to(topics.consentState().name(), Outputs.encoded(topics.consentState(), "consent-state-sink"));
        outcomes.filter((profileId, outputs) -> outputs.writesKey(), Named.as("consent-key-changed"))
                .mapValues(ConsentOutputs::key, Named.as("consent-profile-key"))
                .to(topics.profileKeys().name(), Outputs.encoded(topics.profileKeys(), "profile-keys-sink"));
        outcomes.filter((profileId, outputs) -> outputs.writesPurge(), Named.as("consent-erased"))
                .mapValues(ConsentOutputs::purge, Named.as("consent-purge-record"))
                .to(topics.purgeLog().name(), Outputs.encoded(topics.purgeLog(), "consent-purge-log-sink"));
        return builder.build();
    }

    private static KStream<String, ConsentOutputs> changes(final Inputs inputs, final Topics topics,
                                                           final ConsentSettings settings) {
        final Topic<ConsentChange> input = topics.consentChanges();
        final KStream<String, ConsentChange> changes = inputs.read(input, "consent-change", ConsentValidator::validate);
        // The key is whatever the producer chose; state and dedupe need every change of a profile in
        // one task, so re-key by profileId (a no-op shuffle when producers already key by profile).
        return inputs.repartition(changes, "consent-by-profile", (key, change) -> change.getProfileId(),
                        Repartitioned.<String, ConsentChange>as(BY_PROFILE)
                                .withKeySerde(Serdes.String()).withValueSerde(input.valueSerde()))
                .process(() -> new ConsentProcessor(topics, settings.seenRetention()), Named.as("consent-apply"),
                        ConsentStores.STATE_STORE, ConsentStores.SEEN_STORE, ConsentStores.KEY_STORE,
                        ConsentStores.ERASURE_STORE);
    }

    private static KStream<String, ConsentOutputs> erasures(final Inputs inputs, final Topics topics,
                                                            final ConsentSettings settings) {
        final Topic<ErasureRequest> input = topics.erasureRequests();
        final KStream<String, ErasureRequest> requests = inputs.read(input, "erasure-request",
                ErasureValidator::validate);
        // As many partitions as the changes' repartition, so that a profile's requests and changes
        // meet in one task, the one that holds its state.
        final Repartitioned<String, ErasureRequest> named = Repartitioned.<String, ErasureRequest>as(ERASURES_BY_PROFILE)
                .withKeySerde(Serdes.String()).withValueSerde(input.valueSerde());
        final Repartitioned<String, ErasureRequest> byProfile = settings.erasurePartitions() == null ? named
                : named.withNumberOfPartitions(settings.erasurePartitions());
        return inputs.repartition(requests, "erasure-by-profile", (key, request) -> request.getProfileId(), byProfile)
                .process(() -> new ErasureProcessor(topics), Named.as("consent-erase"),
                        ConsentStores.STATE_STORE, ConsentStores.SEEN_STORE, ConsentStores.KEY_STORE,
                        ConsentStores.ERASURE_STORE);
    }
}
