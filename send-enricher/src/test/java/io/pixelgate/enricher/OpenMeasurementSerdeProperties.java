package io.pixelgate.enricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ProjectSettings;
import io.pixelgate.events.SendRequest;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import io.pixelgate.schemas.serde.ConfluentAvroSerde;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The versioned consent table keeps only what a decision reads of each consent-state snapshot
 * ({@link OpenMeasurementSerde}): whatever the snapshot, a send is decided the same from what the
 * table keeps as from the whole snapshot, and the table reads consent-state's own records as well
 * as what it wrote.
 */
class OpenMeasurementSerdeProperties {

    private static final String TOPIC = "pixelgate.consent-state";

    private final ConfluentAvroSerde<ConsentState> consentState =
            new ConfluentAvroSerde<>(ConsentState.class, new InMemorySchemaRegistry());
    private final OpenMeasurementSerde serde = new OpenMeasurementSerde(consentState);

    @Property(tries = 1000)
    void aSendIsDecidedFromTheKeptVersionAsFromTheWholeSnapshot(
            @ForAll("sends") final SendRequest send, @ForAll("consents") final ConsentState consent,
            @ForAll("settings") final ProjectSettings settings) {
        final OpenMeasurementConsent kept = consent == null ? null
                : roundTrip(serde.serializer().serialize(TOPIC, OpenMeasurementConsent.of(consent)));

        assertThat(TrackingDecision.decideByEntry(send, kept == null ? null : kept.entry(), settings))
                .isEqualTo(TrackingDecision.decide(send, consent, settings));
    }

    @Property(tries = 300)
    void consentStateAsWrittenOnItsTopicIsReadAsItsOpenMeasurementEntry(
            @ForAll("consents") final ConsentState consent) {
        final byte[] framed = consentState.serializer().serialize(TOPIC, consent);

        assertThat(roundTrip(framed)).isEqualTo(consent == null ? null : OpenMeasurementConsent.of(consent));
    }

    @Test
    void aTombstoneStaysATombstoneBothWays() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void aValueInAnUnknownFormatIsRefusedNamingIt() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {9, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 9");
    }

    private OpenMeasurementConsent roundTrip(final byte[] bytes) {
        return serde.deserializer().deserialize(TOPIC, bytes);
    }

    @Provide
    Arbitrary<SendRequest> sends() {
        return Generators.sends();
    }

    @Provide
    Arbitrary<ConsentState> consents() {
        return Generators.consentStates();
    }

    @Provide
    Arbitrary<ProjectSettings> settings() {
        return Generators.projectSettings();
    }
}
