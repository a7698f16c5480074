package io.pixelgate.edge.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which address a request really came from. {@code X-Forwarded-For} is believed only when the
 * connection comes from a configured trusted proxy, and then only as far as the chain of trusted
 * proxies goes: the header is read right to left (each proxy appends the address it saw), and the
 * first address that is not a trusted proxy is the client. Anything a client wrote further left is
 * ignored, so a client cannot claim to be an Apple or Google proxy by sending the header itself.
 */
public final class ClientAddressResolver {

    private final List<Cidr> trustedProxies;

    public ClientAddressResolver(final List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * @param peer          the address of the TCP peer, empty when unknown (a Unix socket)
     * @param forwardedFor  every {@code X-Forwarded-For} header of the request, in order
     * @return the client address, empty when unknown
     */
    public Optional<InetAddress> resolve(final Optional<InetAddress> peer, final List<String> forwardedFor) {
        if (peer.isEmpty() || !isTrusted(peer.get()) || forwardedFor.isEmpty()) {
            return peer;
        }
        InetAddress current = peer.get();
        final List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0 && isTrusted(current); i--) {
            final Optional<InetAddress> hop = IpLiteral.parse(hops.get(i));
            if (hop.isEmpty()) {
                // garbage in the chain: what is left of it cannot be believed; the last trusted
                // proxy is the best we know
                return Optional.of(current);
            }
            current = hop.get();
        }
        return Optional.of(current);
    }

    private boolean isTrusted(final InetAddress address) {
        for (final Cidr proxy : trustedProxies) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> hops(final List<String> headers) {
        return headers.stream()
                .flatMap(header -> List.of(header.split(",")).stream())
                .map(String::trim)
                .toList();
    }
}
