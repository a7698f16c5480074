package io.pixelgate.aggregator;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.schemas.consent.ConsentEntryCodec;
import io.pixelgate.schemas.serde.ConfluentAvroSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The task's copy of consent-state ({@link AggregatorStores#CONSENT_STORE}), read at every hit.
 * Kept as consent-state's framed Avro, each hit decoded it through a resolving reader (issue 13);
 * the store now keeps it in a format of its own, led by a format byte:
 *
 * <ul>
 *   <li>{@value #COMPACT}: profileId, updatedAt (epoch ms), the number of entries, then each entry's
 *       purpose (its name), its deciding fields as {@link ConsentEntryCodec#writeDecision} writes them,
 *       and formShownAt (led by whether it is set), in Avro's binary encoding of those primitives.</li>
 * </ul>
 * Every field of the record is kept, so a value reads back equal to what was written. A value led
 * by byte 0 is consent-state's own record (Confluent framing), from a changelog an earlier version
 * wrote. Internal to the aggregator (store and changelog), never read by anyone else.
 */
final class ConsentCopySerde implements Serde<ConsentState> {

    static final byte COMPACT = 1;

    private final ConfluentAvroSerde<ConsentState> consentState;

    /** @param consentState the serde of consent-state's records, for values an earlier version wrote */
    ConsentCopySerde(final ConfluentAvroSerde<ConsentState> consentState) {
        this.consentState = consentState;
    }

    static byte[] encode(final ConsentState state) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(COMPACT);
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            encoder.writeString(state.getProfileId());
            encoder.writeLong(state.getUpdatedAt().toEpochMilli());
            encoder.writeInt(state.getPurposes().size());
            for (final PurposeConsent entry : state.getPurposes()) {
                encoder.writeString(entry.getPurpose().name());
                ConsentEntryCodec.writeDecision(encoder, entry);
                ConsentEntryCodec.writeNullable(encoder, entry.getFormShownAt());
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    ConsentState decode(final byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("an empty consent copy: not written by " + getClass().getSimpleName());
        }
        return switch (bytes[0]) {
            case ConfluentAvroSerde.MAGIC_BYTE -> consentState.decode(bytes);
            case COMPACT -> compact(bytes);
            default -> throw new IllegalArgumentException("a consent copy in format " + bytes[0]
                    + ", unknown to this version of the open-aggregator");
        };
    }

    private static ConsentState compact(final byte[] bytes) {
        final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, null);
        try {
            final ConsentState state = new ConsentState();
            state.setProfileId(decoder.readString());
            state.setUpdatedAt(Instant.ofEpochMilli(decoder.readLong()));
            final int entries = decoder.readInt();
            final List<PurposeConsent> purposes = new ArrayList<>(entries);
            for (int i = 0; i < entries; i++) {
                final Purpose purpose = Purpose.valueOf(decoder.readString());
                final PurposeConsent entry = ConsentEntryCodec.readDecision(decoder, purpose);
                entry.setFormShownAt(ConsentEntryCodec.readNullableInstant(decoder));
                purposes.add(entry);
            }
            state.setPurposes(purposes);
            return state;
        } catch (final IOException e) {
            throw new UncheckedIOException("a consent copy that does not decode", e);
        }
    }

    @Override
    public Serializer<ConsentState> serializer() {
        return (topic, state) -> state == null ? null : encode(state);
    }

    @Override
    public Deserializer<ConsentState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
