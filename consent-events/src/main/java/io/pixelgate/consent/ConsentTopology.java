package io.pixelgate.consent;

import io.pixelgate.consent.ConsentStateMachine.Outcome;
import io.pixelgate.events.ConsentChange;
import io.pixelgate.platform.Rejections;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The consent-events topology: consent-changes in; consent-state, consent-ledger and rejected out.
 *
 * <pre>
 * consent-changes (bytes) ─ decode+validate ─┬─ invalid ─► rejected
 *                                             └─ by profile ─► apply ─┬─► consent-ledger (every change)
 *                                                                     └─► consent-state (when changed)
 * </pre>
 */
public final class ConsentTopology {

    public static final String APPLICATION_ID = "pixelgate-consent-events";
    public static final String STATE_STORE = "consent-state-store";
    public static final String SEEN_STORE = "consent-seen-events";
    public static final String BY_PROFILE = "consent-changes-by-profile";

    private ConsentTopology() {
    }

    public static Topology build(final Topics topics, final int maxInputValueBytes) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Topic<ConsentChange> input = topics.consentChanges();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                Serdes.String(), topics.consentState().valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEEN_STORE),
                Serdes.String(), Serdes.Long()));

        final KStream<String, ConsentChange> changes = Rejections.readOrReject(builder, input, maxInputValueBytes,
                ConsentValidator::validate, topics.rejected(), "consent-change");

        // The key is whatever the producer chose; state and dedupe need every change of a profile in
        // one task, so re-key by profileId (a no-op shuffle when producers already key by profile).
        final KStream<String, Outcome> outcomes = changes
                .selectKey((key, change) -> change.getProfileId(), Named.as("consent-key-by-profile"))
                .repartition(Repartitioned.<String, ConsentChange>as(BY_PROFILE)
                        .withKeySerde(Serdes.String()).withValueSerde(input.valueSerde()))
                .process(ConsentProcessor::new, Named.as("consent-apply"), STATE_STORE, SEEN_STORE);

        outcomes.mapValues(Outcome::ledger, Named.as("consent-ledger-entry"))
                .to(topics.consentLedger().name(), Produced.with(Serdes.String(), topics.consentLedger().valueSerde())
                        .withName("consent-ledger-sink"));
        outcomes.filter((profileId, outcome) -> outcome.changed(), Named.as("consent-changed"))
                .mapValues(Outcome::state, Named.as("consent-new-state"))
                .to(topics.consentState().name(), Produced.with(Serdes.String(), topics.consentState().valueSerde())
                        .withName("consent-state-sink"));
        return builder.build();
    }
}
