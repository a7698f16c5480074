package io.pixelgate.edge.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the configured network an address belongs to. Where ranges overlap, the most specific
 * (longest prefix) wins, so a narrow proxy range can be carved out of a wide one.
 */
public final class NetworkClassifier {

    private final List<Network> networks;

    public NetworkClassifier(final List<Network> networks) {
        final List<Network> sorted = new ArrayList<>(networks);
        sorted.sort(Comparator.comparingInt((Network network) -> network.range().prefixLength()).reversed());
        this.networks = List.copyOf(sorted);
    }

    /** The label of the most specific network containing {@code address}, if any. */
    public Optional<String> labelOf(final InetAddress address) {
        for (final Network network : networks) {
            if (network.range().contains(address)) {
                return Optional.of(network.label());
            }
        }
        return Optional.empty();
    }
}
