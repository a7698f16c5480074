package io.pixelgate.aggregator;

import io.pixelgate.aggregator.message.MessageState;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Message states in the dedupe store, kept small because there is one per tracked message: a
 * version byte and the flags (2 bytes) for a message with nothing else to remember; then, only
 * when set, the latest burst, the latest open and the honeypot's source, each behind a bit of a
 * presence byte. Version 1 (the flags and the burst, before the open and honeypot memory) is still
 * read, so a store written by the previous aggregator restores. Internal to the aggregator (store
 * and changelog), never an event type.
 */
public final class MessageStateSerde implements Serde<MessageState> {

    private static final byte VERSION_1 = 1;
    private static final byte VERSION = 2;
    private static final int V1_OPEN_ONLY_BYTES = 2;
    private static final int V1_WITH_BURST_BYTES = 2 + Long.BYTES + Long.BYTES + Integer.BYTES;
    private static final int BURST = 1;
    private static final int OPEN = 2;
    private static final int HONEYPOT = 4;

    @Override
    public Serializer<MessageState> serializer() {
        return (topic, state) -> state == null ? null : encode(state);
    }

    @Override
    public Deserializer<MessageState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    static byte[] encode(final MessageState state) {
        final int parts = (state.burstStartAt() != 0 ? BURST : 0) | (state.openAt() != 0 ? OPEN : 0)
                | (state.honeypotSource() != 0 ? HONEYPOT : 0);
        final int size = 1 + Short.BYTES + 1 + ((parts & BURST) != 0 ? 2 * Long.BYTES + 2 * Integer.BYTES : 0)
                + ((parts & OPEN) != 0 ? Long.BYTES + Integer.BYTES : 0) + ((parts & HONEYPOT) != 0 ? Integer.BYTES : 0);
        final ByteBuffer buffer = ByteBuffer.allocate(size).put(VERSION).putShort((short) state.flags()).put((byte) parts);
        if ((parts & BURST) != 0) {
            buffer.putLong(state.burstStartAt()).putLong(state.burstLinks()).putInt(state.burstHumanClicks())
                    .putInt(state.burstSource());
        }
        if ((parts & OPEN) != 0) {
            buffer.putLong(state.openAt()).putInt(state.openSource());
        }
        if ((parts & HONEYPOT) != 0) {
            buffer.putInt(state.honeypotSource());
        }
        return buffer.array();
    }

    static MessageState decode(final byte[] bytes) {
        if (bytes.length >= V1_OPEN_ONLY_BYTES && bytes[0] == VERSION_1) {
            return decodeVersion1(bytes);
        }
        if (bytes.length < 4 || bytes[0] != VERSION) {
            throw new IllegalStateException("message state of " + bytes.length + " bytes, version "
                    + (bytes.length == 0 ? "none" : bytes[0]) + ": written by another version of the aggregator;"
                    + " reset the application's state (kafka-streams-application-reset) to rebuild it");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        final int flags = in.getShort() & 0xffff;
        final int parts = in.get();
        final boolean burst = (parts & BURST) != 0;
        final long burstStartAt = burst ? in.getLong() : 0;
        final long burstLinks = burst ? in.getLong() : 0;
        final int burstHumanClicks = burst ? in.getInt() : 0;
        final int burstSource = burst ? in.getInt() : 0;
        final boolean open = (parts & OPEN) != 0;
        final long openAt = open ? in.getLong() : 0;
        final int openSource = open ? in.getInt() : 0;
        final int honeypotSource = (parts & HONEYPOT) != 0 ? in.getInt() : 0;
        return new MessageState(flags, burstStartAt, burstLinks, burstHumanClicks, burstSource, openAt, openSource,
                honeypotSource);
    }

    private static MessageState decodeVersion1(final byte[] bytes) {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        final int flags = buffer.get() & 0xff;
        return bytes.length < V1_WITH_BURST_BYTES ? new MessageState(flags, 0, 0, 0, 0, 0, 0, 0)
                : new MessageState(flags, buffer.getLong(), buffer.getLong(), buffer.getInt(), 0, 0, 0, 0);
    }
}
