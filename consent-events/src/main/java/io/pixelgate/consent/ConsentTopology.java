package io.pixelgate.consent;

import io.pixelgate.events.ConsentChange;
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
 * The consent-events topology: consent-changes in; consent-state, consent-ledger and rejected out.
 *
 * <pre>
 * consent-changes (bytes) ─ decode+validate ─┬─ invalid ─► rejected
 *                                             └─ by profile ─► apply ─┬─► consent-ledger (every change)
 *                                                                     └─► consent-state (when changed)
 * </pre>
 */
public final class ConsentTopology {

    /** Repartition of the changes by profileId, so that one task owns a profile's state. */
    public static final String BY_PROFILE = "consent-changes-by-profile";

    private ConsentTopology() {
    }

    public static Topology build(final Topics topics, final ConsentSettings settings) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Inputs inputs = new Inputs(builder, topics);
        final Topic<ConsentChange> input = topics.consentChanges();
        ConsentStores.addTo(builder, topics);

        final KStream<String, ConsentChange> changes = inputs.read(input, "consent-change", ConsentValidator::validate);

        // The key is whatever the producer chose; state and dedupe need every change of a profile in
        // one task, so re-key by profileId (a no-op shuffle when producers already key by profile).
        final KStream<String, ConsentProcessor.Encoded> outcomes = inputs
                .repartition(changes, "consent-by-profile", (key, change) -> change.getProfileId(),
                        Repartitioned.<String, ConsentChange>as(BY_PROFILE)
                                .withKeySerde(Serdes.String()).withValueSerde(input.valueSerde()))
                .process(() -> new ConsentProcessor(topics), Named.as("consent-apply"), ConsentStores.STATE_STORE,
                        ConsentStores.SEEN_STORE);

        outcomes.mapValues(ConsentProcessor.Encoded::ledger, Named.as("consent-ledger-entry"))
                .to(topics.consentLedger().name(), Outputs.encoded(topics.consentLedger(), "consent-ledger-sink"));
        outcomes.filter((profileId, outcome) -> outcome.state() != null, Named.as("consent-changed"))
                .mapValues(ConsentProcessor.Encoded::state, Named.as("consent-new-state"))
                .to(topics.consentState().name(), Outputs.encoded(topics.consentState(), "consent-state-sink"));
        return builder.build();
    }
}
