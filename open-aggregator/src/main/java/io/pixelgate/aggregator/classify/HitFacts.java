package io.pixelgate.aggregator.classify;

import io.pixelgate.events.HitKind;
import java.time.Instant;
import java.util.Objects;

/**
 * What is known about a hit when it is classified.
 *
 * @param kind       OPEN or CLICK
 * @param userAgent  the request's User-Agent, or null
 * @param network    the edge's label for the client's network range, or null
 * @param receivedAt when the edge answered
 * @param sentAt     the send's time from the token, or null when the token names no message (anonymous)
 * @param linkBurst  whether this click completes or continues a burst over the message's links
 *                   (found from the message's recent clicks; always false for opens)
 */
public record HitFacts(HitKind kind, String userAgent, String network, Instant receivedAt, Instant sentAt,
                       boolean linkBurst) {

    public HitFacts {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
