package io.pixelgate.demo;

import java.util.Objects;

/**
 * Who a request comes from, as the edge sees it.
 *
 * @param actor     who is behind it
 * @param userAgent the User-Agent header
 * @param address   the client address, sent as {@code X-Forwarded-For} (the edge is told to trust
 *                  loopback as a proxy, since every simulated request really comes from this machine)
 */
public record Requester(Actor actor, String userAgent, String address) {

    public Requester {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(address, "address");
    }
}
