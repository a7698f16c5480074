package io.pixelgate.edge.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Parses IP address literals, and only literals: never a host name, so that parsing a header can
 * never trigger a DNS lookup. IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) come out as
 * IPv4, so one client has one form whatever the socket family.
 */
public final class IpLiteral {

    private static final int MAX_LITERAL_LENGTH = 64;

    private IpLiteral() {
    }

    /**
     * The address written in {@code text}: a dotted IPv4 quad or an IPv6 literal, optionally in
     * brackets, with a port after IPv4 ({@code 192.0.2.1:443}) or after a bracketed IPv6
     * ({@code [2001:db8::1]:443}) as some proxies write them. Empty for anything else.
     */
    public static Optional<InetAddress> parse(final String text) {
        if (text == null) {
            return Optional.empty();
        }
        final String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LITERAL_LENGTH) {
            return Optional.empty();
        }
        if (trimmed.charAt(0) == '[') {
            final int close = trimmed.indexOf(']');
            if (close < 0 || !isPortSuffixOrNothing(trimmed.substring(close + 1))) {
                return Optional.empty();
            }
            return parseIpv6(trimmed.substring(1, close));
        }
        final int firstColon = trimmed.indexOf(':');
        if (firstColon >= 0 && trimmed.indexOf(':', firstColon + 1) < 0) {
            // exactly one colon: IPv4 with a port
            return isPortSuffixOrNothing(trimmed.substring(firstColon)) ? parseIpv4(trimmed.substring(0, firstColon))
                    : Optional.empty();
        }
        return firstColon >= 0 ? parseIpv6(trimmed) : parseIpv4(trimmed);
    }

    /** Four decimal parts of 1 to 3 digits, each at most 255; read by hand, as it runs for every hit. */
    private static Optional<InetAddress> parseIpv4(final String text) {
        final byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            final char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part == 4) {
                    return Optional.empty();
                }
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (isDigit(c) && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        return part == 4 ? byAddress(bytes) : Optional.empty();
    }

    private static Optional<InetAddress> parseIpv6(final String text) {
        // Only hex digits, colons and dots (an embedded IPv4 tail); no zone id. With a colon in it,
        // InetAddress.getByName treats the string as a literal and never resolves it.
        if (text.indexOf(':') < 0 || !text.chars().allMatch(c -> isHex(c) || c == ':' || c == '.')) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (final UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> byAddress(final byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (final UnknownHostException e) {
            return Optional.empty(); // only for a wrong length, which the callers rule out
        }
    }

    private static boolean isPortSuffixOrNothing(final String suffix) {
        if (suffix.isEmpty()) {
            return true;
        }
        return suffix.length() >= 2 && suffix.length() <= 6 && suffix.charAt(0) == ':'
                && suffix.substring(1).chars().allMatch(IpLiteral::isDigit);
    }

    private static boolean isDigit(final int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(final int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
