package io.pixelgate.aggregator.classify;

import io.pixelgate.events.HitKind;
import java.time.Instant;
import java.util.Objects;

/**
 * What is known about a hit when it is classified.
 *
 * @param kind        OPEN or CLICK
 * @param userAgent   the request's User-Agent, or null
 * @param network     the edge's label for the client's network range, or null
 * @param receivedAt  when the edge answered
 * @param sentAt      the send's time from the token, or null when the token names no message (anonymous)
 * @param deliveredAt when the receiving server accepted the message (deliveries input), or null when unknown
 * @param context     what else the same message saw
 */
public record HitFacts(HitKind kind, String userAgent, String network, Instant receivedAt, Instant sentAt,
                       Instant deliveredAt, HitContext context) {

    public HitFacts {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(context, "context");
    }

    /** The start of "seconds after delivery": the delivery when known, else the send, else null. */
    Instant deliveryClock() {
        return deliveredAt != null ? deliveredAt : sentAt;
    }
}
