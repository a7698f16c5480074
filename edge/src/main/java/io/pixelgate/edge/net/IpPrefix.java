package io.pixelgate.edge.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The only form in which a client address leaves the edge: its network prefix, IPv4 /24 and
 * IPv6 /48, written as a range ({@code 203.0.113.0/24}, {@code 2001:db8:1::/48}). A /24 is shared
 * by up to 256 addresses and a /48 is a whole site, so the prefix tells the network a request came
 * from (enough for classification and abuse analysis) without pointing at one device.
 */
public final class IpPrefix {

    /** Bits kept of an IPv4 address. */
    public static final int IPV4_BITS = 24;
    /** Bits kept of an IPv6 address. */
    public static final int IPV6_BITS = 48;

    private IpPrefix() {
    }

    /** The truncated form of {@code address}. */
    public static String of(final InetAddress address) {
        final byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            // the common case, written directly: it runs for every hit
            return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + ".0/" + IPV4_BITS;
        }
        return format(mask(bytes, IPV6_BITS), IPV6_BITS);
    }

    /** A copy of {@code address} with every bit after the first {@code bits} cleared. */
    static byte[] mask(final byte[] address, final int bits) {
        final byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            final int keep = Math.max(0, Math.min(8, bits - i * 8));
            masked[i] = (byte) (masked[i] & (0xFF00 >> keep));
        }
        return masked;
    }

    static String format(final byte[] network, final int bits) {
        try {
            final String address = InetAddress.getByAddress(network).getHostAddress();
            return (network.length == 16 ? compress(address) : address) + "/" + bits;
        } catch (final UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + network.length, e);
        }
    }

    /** RFC 5952 style: the longest run of two or more zero groups as {@code ::}, groups without leading zeros. */
    private static String compress(final String full) {
        final String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && "0".equals(groups[j])) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestStart < 0) {
            return full;
        }
        final String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        final String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
