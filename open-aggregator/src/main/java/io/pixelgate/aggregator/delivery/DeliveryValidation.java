package io.pixelgate.aggregator.delivery;

import io.pixelgate.events.Delivery;
import io.pixelgate.schemas.serde.InvalidInputException;
import java.time.Instant;

/** The rules a delivery record must meet before it may time a message's hits. */
public final class DeliveryValidation {

    /** Event times before this are a sender's bug (SPEC.md section 1, clocks), not a delivery. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Longest message id accepted: ids are the send request's, far shorter in practice. */
    public static final int MAX_MESSAGE_ID_LENGTH = 256;

    private DeliveryValidation() {
    }

    /**
     * The delivery itself when usable.
     *
     * @throws InvalidInputException naming the field and the rule
     */
    public static Delivery check(final Delivery delivery) {
        final String messageId = delivery.getMessageId();
        if (messageId.isBlank()) {
            throw InvalidInputException.field("messageId", "required, not blank");
        }
        if (messageId.length() > MAX_MESSAGE_ID_LENGTH) {
            throw InvalidInputException.field("messageId", "at most " + MAX_MESSAGE_ID_LENGTH + " characters, got "
                    + messageId.length());
        }
        if (delivery.getDeliveredAt().isBefore(EARLIEST)) {
            throw InvalidInputException.field("deliveredAt", "must be on or after " + EARLIEST + ", got "
                    + delivery.getDeliveredAt());
        }
        return delivery;
    }
}
