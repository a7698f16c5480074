package io.pixelgate.aggregator;

import io.pixelgate.aggregator.campaign.CampaignDelta;
import io.pixelgate.aggregator.campaign.Counter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Campaign deltas on the aggregator's repartition topic: a version byte, campaign id, variant, time,
 * then only the non-zero counters as (counter, zig-zag varint) pairs, so a typical hit's delta is
 * about 20 bytes plus the ids; then the non-zero reason slots as (varint slot + 128, zig-zag varint)
 * pairs (version 2; version 1 had no reasons and is still read). Internal to the aggregator, never
 * read by anyone else, so it needs no registry round trip.
 */
public final class CampaignDeltaSerde implements Serde<CampaignDelta> {

    private static final byte VERSION_1 = 1;
    private static final byte VERSION = 2;
    /** Counter ordinals stay below this; a byte at or above it starts a reason slot. */
    private static final int REASON_MARK = 128;

    @Override
    public Serializer<CampaignDelta> serializer() {
        return (topic, delta) -> delta == null ? null : encode(delta);
    }

    @Override
    public Deserializer<CampaignDelta> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    static byte[] encode(final CampaignDelta delta) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(VERSION);
        writeString(out, delta.campaignId());
        writeString(out, delta.variant());
        writeVarLong(out, delta.at());
        for (final Counter counter : Counter.values()) {
            final long value = delta.get(counter);
            if (value != 0) {
                out.write(counter.ordinal());
                writeVarLong(out, value);
            }
        }
        for (int slot = 0; slot < CampaignDelta.REASON_SLOTS; slot++) {
            final long value = delta.reasonCount(slot);
            if (value != 0) {
                out.write(REASON_MARK);
                writeVarLong(out, slot);
                writeVarLong(out, value);
            }
        }
        return out.toByteArray();
    }

    static CampaignDelta decode(final byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != VERSION && bytes[0] != VERSION_1) {
            throw new IllegalStateException("campaign delta written by another version of the aggregator"
                    + " (version byte " + (bytes.length == 0 ? "missing" : bytes[0]) + ")");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        final String campaignId = readString(in);
        final String variant = readString(in);
        final CampaignDelta.Builder delta = CampaignDelta.builder(campaignId, variant, readVarLong(in));
        final Counter[] counters = Counter.values();
        while (in.hasRemaining()) {
            final int ordinal = in.get() & 0xff;
            if (ordinal == REASON_MARK) {
                final int slot = (int) readVarLong(in);
                if (slot < 0 || slot >= CampaignDelta.REASON_SLOTS) {
                    throw new IllegalStateException("campaign delta names reason slot #" + slot
                            + ", unknown to this version of the aggregator");
                }
                delta.addReasonSlot(slot, readVarLong(in));
                continue;
            }
            if (ordinal >= counters.length) {
                throw new IllegalStateException("campaign delta names counter #" + ordinal
                        + ", unknown to this version of the aggregator");
            }
            delta.add(counters[ordinal], readVarLong(in));
        }
        return delta.build();
    }

    /** Length + 1 as a varint (0 for null), then UTF-8. */
    private static void writeString(final ByteArrayOutputStream out, final String value) {
        if (value == null) {
            writeVarLong(out, 0);
            return;
        }
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(out, utf8.length + 1L);
        out.writeBytes(utf8);
    }

    private static String readString(final ByteBuffer in) {
        final int lengthPlusOne = (int) readVarLong(in);
        if (lengthPlusOne == 0) {
            return null;
        }
        final byte[] utf8 = new byte[lengthPlusOne - 1];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Zig-zag, then 7 bits a byte, least significant first. */
    private static void writeVarLong(final ByteArrayOutputStream out, final long value) {
        long zigZag = (value << 1) ^ (value >> 63);
        while ((zigZag & ~0x7FL) != 0) {
            out.write((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        out.write((int) zigZag);
    }

    private static long readVarLong(final ByteBuffer in) {
        long zigZag = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            final byte b = in.get();
            zigZag |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (zigZag >>> 1) ^ -(zigZag & 1);
            }
        }
        throw new IllegalStateException("malformed varint in a campaign delta");
    }
}
