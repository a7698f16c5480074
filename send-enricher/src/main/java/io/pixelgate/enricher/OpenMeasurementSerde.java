package io.pixelgate.enricher;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.schemas.consent.ConsentEntryCodec;
import io.pixelgate.schemas.serde.ConfluentAvroSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The versioned consent table's values, consent-state's records as read and as stored. The join
 * looks a version up at every send; kept as consent-state's framed Avro, each lookup decoded the
 * whole {@link ConsentState}, every purpose, through a resolving reader (issue 13). The store keeps
 * only the OPEN_MEASUREMENT entry's fields that a decision reads, in a format of its own, led by a
 * format byte:
 *
 * <ul>
 *   <li>{@value #NO_ENTRY}: a snapshot that never named OPEN_MEASUREMENT;</li>
 *   <li>{@value #ENTRY}: the entry's deciding fields as {@link ConsentEntryCodec#writeDecision}
 *       writes them.</li>
 * </ul>
 * A value led by byte 0 is consent-state's own record (Confluent framing), from the topic or from a
 * changelog an earlier version wrote: decoded as a {@link ConsentState}, then reduced. A null stays
 * null both ways: a tombstone, the profile erased, no consent from then on.
 */
final class OpenMeasurementSerde implements Serde<OpenMeasurementConsent> {

    static final byte NO_ENTRY = 1;
    static final byte ENTRY = 2;

    private final ConfluentAvroSerde<ConsentState> consentState;

    /** @param consentState the serde of consent-state's records */
    OpenMeasurementSerde(final ConfluentAvroSerde<ConsentState> consentState) {
        this.consentState = consentState;
    }

    byte[] encode(final OpenMeasurementConsent value) {
        final PurposeConsent entry = value.entry();
        if (entry == null) {
            return new byte[] {NO_ENTRY};
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(ENTRY);
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            ConsentEntryCodec.writeDecision(encoder, entry);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    OpenMeasurementConsent decode(final byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("an empty consent version: not written by " + getClass().getSimpleName());
        }
        return switch (bytes[0]) {
            case ConfluentAvroSerde.MAGIC_BYTE -> OpenMeasurementConsent.of(consentState.decode(bytes));
            case NO_ENTRY -> new OpenMeasurementConsent(null);
            case ENTRY -> new OpenMeasurementConsent(entry(bytes));
            default -> throw new IllegalArgumentException("a consent version in format " + bytes[0]
                    + ", unknown to this version of the send-enricher");
        };
    }

    private static PurposeConsent entry(final byte[] bytes) {
        final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, null);
        try {
            return ConsentEntryCodec.readDecision(decoder, Purpose.OPEN_MEASUREMENT);
        } catch (final IOException e) {
            throw new UncheckedIOException("a consent version that does not decode", e);
        }
    }

    @Override
    public Serializer<OpenMeasurementConsent> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<OpenMeasurementConsent> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
