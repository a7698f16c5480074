package io.pixelgate.aggregator.delivery;

import java.util.Objects;

/**
 * A message's delivery on its way to the task of its profile: first keyed by message id (profile
 * unknown yet), then, once its tracked send was seen, by profile id.
 *
 * @param messageId   the message
 * @param profileId   its recipient, null until the tracked send was seen
 * @param sentAt      epoch millis of the send request (the token's send time), 0 until the tracked send was seen
 * @param deliveredAt epoch millis the receiving server accepted the message
 */
public record DeliveryFact(String messageId, String profileId, long sentAt, long deliveredAt) {

    public DeliveryFact {
        Objects.requireNonNull(messageId, "messageId");
    }

    /** This delivery, now that its message's profile and send time are known. */
    public DeliveryFact routed(final String profile, final long sent) {
        return new DeliveryFact(messageId, profile, sent, deliveredAt);
    }
}
