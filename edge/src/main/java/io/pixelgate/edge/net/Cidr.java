package io.pixelgate.edge.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * An address range in CIDR notation, {@code 17.0.0.0/8} or {@code 2001:db8::/32}. An IPv4 range
 * never contains an IPv6 address and the other way round (mapped addresses are IPv4 already, see
 * {@link IpLiteral}).
 */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(final byte[] network, final int prefixLength, final String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Reads {@code address/length}; a bare address is a range of one.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Cidr parse(final String text) {
        final String trimmed = Objects.requireNonNull(text, "text").trim();
        final int slash = trimmed.indexOf('/');
        final String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        final InetAddress address = IpLiteral.parse(addressPart).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not a CIDR range: '" + addressPart + "' is not an IP address"));
        final byte[] bytes = address.getAddress();
        final int length = slash < 0 ? bytes.length * 8 : parseLength(text, trimmed.substring(slash + 1), bytes.length * 8);
        return new Cidr(IpPrefix.mask(bytes, length), length, IpPrefix.format(IpPrefix.mask(bytes, length), length));
    }

    public boolean contains(final InetAddress address) {
        final byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(IpPrefix.mask(bytes, prefixLength), network);
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** The range's first address, host bits cleared: 4 bytes for IPv4, 16 for IPv6. */
    byte[] networkBytes() {
        return network.clone();
    }

    private static int parseLength(final String text, final String length, final int maxBits) {
        try {
            final int bits = Integer.parseInt(length);
            if (bits >= 0 && bits <= maxBits) {
                return bits;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a CIDR range: the prefix length must be 0 to "
                + maxBits);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Cidr cidr && cidr.prefixLength == prefixLength && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    /** The canonical form: host bits cleared, e.g. {@code 17.0.0.0/8}. */
    @Override
    public String toString() {
        return text;
    }
}
