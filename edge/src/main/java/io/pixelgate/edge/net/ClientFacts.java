package io.pixelgate.edge.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What the edge keeps of a client address: the label of the known network it is in, and its
 * truncated prefix. The full address goes no further than this function.
 *
 * @param network  label of the configured network range the address is in, or null
 * @param ipPrefix the truncated address ({@link IpPrefix}), or null when the address is unknown
 */
public record ClientFacts(String network, String ipPrefix) {

    /** Facts of a request whose client address is unknown. */
    public static final ClientFacts UNKNOWN = new ClientFacts(null, null);

    /** Derives the facts of one request; pure, so the privacy rule is testable directly. */
    public static ClientFacts derive(final ClientAddressResolver resolver, final NetworkClassifier classifier,
                                     final Optional<InetAddress> peer, final List<String> forwardedFor) {
        return resolver.resolve(peer, forwardedFor)
                .map(client -> new ClientFacts(classifier.labelOf(client).orElse(null), IpPrefix.of(client)))
                .orElse(UNKNOWN);
    }
}
