package io.pixelgate.schemas.consent;

import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import java.io.IOException;
import java.time.Instant;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;

/**
 * The fields of a consent-state entry that decide whether it grants ({@link Consents#counts}), in
 * the compact store formats of the applications that look consent up at every record (the
 * send-enricher's versioned table, the open-aggregator's consent copy): status (its name), since
 * (epoch ms), eventId, wordingVersion and expiresAt (each led by whether it is set), in Avro's
 * binary encoding of those primitives. Not a topic format: only stores use it, each behind a
 * format byte of its own, so the layout must never change for a format byte already written.
 */
public final class ConsentEntryCodec {

    private ConsentEntryCodec() {
    }

    /** Writes the deciding fields of {@code entry} (its purpose is the caller's to write, if needed). */
    public static void writeDecision(final BinaryEncoder encoder, final PurposeConsent entry) throws IOException {
        encoder.writeString(entry.getStatus().name());
        encoder.writeLong(entry.getSince().toEpochMilli());
        encoder.writeString(entry.getEventId());
        writeNullable(encoder, entry.getWordingVersion());
        writeNullable(encoder, entry.getExpiresAt());
    }

    /** Reads what {@link #writeDecision} wrote, into an entry for {@code purpose}. */
    public static PurposeConsent readDecision(final BinaryDecoder decoder, final Purpose purpose) throws IOException {
        final PurposeConsent entry = new PurposeConsent();
        entry.setPurpose(purpose);
        entry.setStatus(ConsentStatus.valueOf(decoder.readString()));
        entry.setSince(Instant.ofEpochMilli(decoder.readLong()));
        entry.setEventId(decoder.readString());
        entry.setWordingVersion(decoder.readBoolean() ? decoder.readString() : null);
        entry.setExpiresAt(readNullableInstant(decoder));
        return entry;
    }

    public static void writeNullable(final BinaryEncoder encoder, final String value) throws IOException {
        encoder.writeBoolean(value != null);
        if (value != null) {
            encoder.writeString(value);
        }
    }

    public static void writeNullable(final BinaryEncoder encoder, final Instant value) throws IOException {
        encoder.writeBoolean(value != null);
        if (value != null) {
            encoder.writeLong(value.toEpochMilli());
        }
    }

    public static Instant readNullableInstant(final BinaryDecoder decoder) throws IOException {
        return decoder.readBoolean() ? Instant.ofEpochMilli(decoder.readLong()) : null;
    }
}
