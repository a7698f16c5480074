package io.pixelgate.enricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.events.ConsentState;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import io.pixelgate.schemas.serde.ConfluentAvroSerde;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The versioned consent table keeps only what a decision reads of each consent-state snapshot
 * ({@link OpenMeasurementSerde}): it reads consent-state's own records as well as what it wrote
 * (that a send is decided the same from what it keeps is in {@link TrackingDecisionProperties}).
 */
class OpenMeasurementSerdeProperties {

    private static final String TOPIC = "pixelgate.consent-state";

    private final ConfluentAvroSerde<ConsentState> consentState =
            new ConfluentAvroSerde<>(ConsentState.class, new InMemorySchemaRegistry());
    private final OpenMeasurementSerde serde = new OpenMeasurementSerde(consentState);

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
    Arbitrary<ConsentState> consents() {
        return Generators.consentStates();
    }
}
