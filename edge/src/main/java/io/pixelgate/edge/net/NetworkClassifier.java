package io.pixelgate.edge.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the configured network an address belongs to. Where ranges overlap, the most specific
 * (longest prefix) wins, so a narrow proxy range can be carved out of a wide one.
 *
 * <p>It runs for every hit and may hold published lists of tens of thousands of ranges (Apple's
 * Private Relay egress list), so ranges are kept in one hash map per prefix length: a lookup masks
 * the address to each length present, longest first, and asks that map (at most 33 lookups for
 * IPv4, and only as many as there are distinct lengths), whatever the number of ranges.
 */
public final class NetworkClassifier {

    /** An IPv6 network as two 64-bit halves. */
    private record V6(long high, long low) {
    }

    private final Map<Integer, Map<Integer, String>> ipv4 = new HashMap<>();
    private final Map<Integer, Map<V6, String>> ipv6 = new HashMap<>();
    private final int[] ipv4Lengths;
    private final int[] ipv6Lengths;

    public NetworkClassifier(final List<Network> networks) {
        for (final Network network : networks) {
            final byte[] bytes = network.range().networkBytes();
            final int length = network.range().prefixLength();
            // The first of two equal ranges wins, as a list read top to bottom would.
            if (bytes.length == 4) {
                ipv4.computeIfAbsent(length, l -> new HashMap<>()).putIfAbsent(v4(bytes), network.label());
            } else {
                ipv6.computeIfAbsent(length, l -> new HashMap<>()).putIfAbsent(v6(bytes, 128), network.label());
            }
        }
        this.ipv4Lengths = longestFirst(ipv4);
        this.ipv6Lengths = longestFirst(ipv6);
    }

    /** The label of the most specific network containing {@code address}, if any. */
    public Optional<String> labelOf(final InetAddress address) {
        final byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            final int value = v4(bytes);
            for (final int length : ipv4Lengths) {
                final String label = ipv4.get(length).get(length == 0 ? 0 : value & (-1 << (32 - length)));
                if (label != null) {
                    return Optional.of(label);
                }
            }
            return Optional.empty();
        }
        for (final int length : ipv6Lengths) {
            final String label = ipv6.get(length).get(v6(bytes, length));
            if (label != null) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }

    /** How many distinct ranges are held. */
    public int size() {
        return ipv4.values().stream().mapToInt(Map::size).sum() + ipv6.values().stream().mapToInt(Map::size).sum();
    }

    private static int v4(final byte[] bytes) {
        return (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | (bytes[3] & 0xFF);
    }

    /** The first {@code length} bits of a 16-byte address. */
    private static V6 v6(final byte[] bytes, final int length) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (bytes[i] & 0xFF);
            low = low << 8 | (bytes[i + 8] & 0xFF);
        }
        return new V6(mask(high, Math.min(64, length)), mask(low, Math.max(0, length - 64)));
    }

    private static long mask(final long half, final int bits) {
        return bits == 0 ? 0 : bits == 64 ? half : half & (-1L << (64 - bits));
    }

    private static int[] longestFirst(final Map<Integer, ?> byLength) {
        final List<Integer> lengths = new ArrayList<>(byLength.keySet());
        lengths.sort((a, b) -> Integer.compare(b, a));
        return lengths.stream().mapToInt(Integer::intValue).toArray();
    }
}
