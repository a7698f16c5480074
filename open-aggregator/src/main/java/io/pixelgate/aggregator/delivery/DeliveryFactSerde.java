package io.pixelgate.aggregator.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Delivery facts on the aggregator's two delivery repartition topics: a version byte, the two
 * times, the message id and the profile id (length-prefixed UTF-8, -1 for none). Internal to the
 * aggregator, so no registry round trip.
 */
public final class DeliveryFactSerde implements Serde<DeliveryFact> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<DeliveryFact> serializer() {
        return (topic, fact) -> fact == null ? null : encode(fact);
    }

    @Override
    public Deserializer<DeliveryFact> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    static byte[] encode(final DeliveryFact fact) {
        final byte[] message = fact.messageId().getBytes(StandardCharsets.UTF_8);
        final byte[] profile = fact.profileId() == null ? null : fact.profileId().getBytes(StandardCharsets.UTF_8);
        final ByteBuffer out = ByteBuffer.allocate(1 + 2 * Long.BYTES + 2 * Integer.BYTES + message.length
                + (profile == null ? 0 : profile.length));
        out.put(VERSION).putLong(fact.sentAt()).putLong(fact.deliveredAt()).putInt(message.length).put(message);
        out.putInt(profile == null ? -1 : profile.length);
        if (profile != null) {
            out.put(profile);
        }
        return out.array();
    }

    static DeliveryFact decode(final byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != VERSION) {
            throw new IllegalStateException("delivery fact written by another version of the aggregator (version byte "
                    + (bytes.length == 0 ? "missing" : bytes[0]) + ")");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        final long sentAt = in.getLong();
        final long deliveredAt = in.getLong();
        final String messageId = string(in, in.getInt());
        final int profileLength = in.getInt();
        return new DeliveryFact(messageId, profileLength < 0 ? null : string(in, profileLength), sentAt, deliveredAt);
    }

    private static String string(final ByteBuffer in, final int length) {
        final byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
