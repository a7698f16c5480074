package io.pixelgate.aggregator;

import io.pixelgate.aggregator.count.MessageState;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Message states in the dedupe store, kept small because there is one per tracked message: a
 * version byte and the flags (2 bytes) for a message that was only opened; 22 bytes once a click
 * started a burst. Internal to the aggregator (store and changelog), never an event type.
 */
public final class MessageStateSerde implements Serde<MessageState> {

    private static final byte VERSION = 1;
    private static final int OPEN_ONLY_BYTES = 2;
    private static final int WITH_BURST_BYTES = 2 + Long.BYTES + Long.BYTES + Integer.BYTES;

    @Override
    public Serializer<MessageState> serializer() {
        return (topic, state) -> state == null ? null : encode(state);
    }

    @Override
    public Deserializer<MessageState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    static byte[] encode(final MessageState state) {
        final boolean burst = state.burstLinks() != 0;
        final ByteBuffer buffer = ByteBuffer.allocate(burst ? WITH_BURST_BYTES : OPEN_ONLY_BYTES)
                .put(VERSION).put((byte) state.flags());
        if (burst) {
            buffer.putLong(state.burstStartAt()).putLong(state.burstLinks()).putInt(state.burstHumanClicks());
        }
        return buffer.array();
    }

    static MessageState decode(final byte[] bytes) {
        if (bytes.length < OPEN_ONLY_BYTES || bytes[0] != VERSION) {
            throw new IllegalStateException("message state of " + bytes.length + " bytes, version "
                    + (bytes.length == 0 ? "none" : bytes[0]) + ": written by another version of the aggregator;"
                    + " reset the application's state (kafka-streams-application-reset) to rebuild it");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        final int flags = buffer.get() & 0xff;
        return bytes.length < WITH_BURST_BYTES ? new MessageState(flags, 0, 0, 0)
                : new MessageState(flags, buffer.getLong(), buffer.getLong(), buffer.getInt());
    }
}
