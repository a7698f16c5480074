package io.pixelgate.aggregator.delivery;

import io.pixelgate.events.Delivery;
import io.pixelgate.schemas.serde.InvalidInputException;

/**
 * The rule a delivery record must meet before it may time a message's hits that a schema cannot
 * say: a message id that is not blank. Its length and the range of {@code deliveredAt} are input
 * limits, checked before this (SPEC.md section 5).
 */
public final class DeliveryValidation {

    private DeliveryValidation() {
    }

    /**
     * The delivery itself when usable.
     *
     * @throws InvalidInputException naming the field and the rule
     */
    public static Delivery check(final Delivery delivery) {
        if (delivery.getMessageId().isBlank()) {
            throw InvalidInputException.field("messageId", "required, not blank");
        }
        return delivery;
    }
}
