package io.pixelgate.edge.http;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Location} of a click's redirect, from a link token's target: always a valid http(s)
 * URL in pure ASCII (RFC 3986), never raw bytes in a header. Link targets written by people are
 * often IRIs ({@code https://exämple.org/ü?q=ä}); they are converted as a browser would: the host
 * to IDNA ASCII (punycode), everything else percent-encoded as UTF-8. A target that cannot be made
 * such a URL has no location, and its click is a 404 like a bad token's.
 */
final class Redirects {

    private static final Pattern SCHEME = Pattern.compile("(?i)https?://");
    private static final Pattern PORT = Pattern.compile("[0-9]{0,5}");
    private static final Pattern IP_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]+]");
    private static final Pattern ASCII_HOST = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.?");
    /**
     * The UTS 46 deviation characters: java.net.IDN (IDNA 2003) maps them away (straße to
     * strasse) where browsers (IDNA 2008) keep them, so the same text names two different hosts.
     * A target holding one is refused rather than sent to a host the person may not have meant.
     */
    private static final String IDNA_DEVIATIONS = "\u00DF\u03C2\u200C\u200D";
    /** RFC 3986 unreserved and sub-delims, and ':': kept as they are in the user info. */
    private static final String KEPT_IN_USER_INFO = "-._~!$&'()*+,;=:";
    /** The same and '@' '/' '?': kept as they are after the host. */
    private static final String KEPT_AFTER_HOST = KEPT_IN_USER_INFO + "@/?";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Redirects() {
    }

    /**
     * The target as a header value, or empty when it cannot be made a valid http(s) URL. Tabs and
     * line breaks are removed first (as a browser does when parsing a URL, so a header can never be
     * split); any other control character makes it invalid. The target comes from an authenticated
     * token; this is a second fence.
     */
    static Optional<String> location(final String target) {
        final Optional<String> cleaned = withoutBreaks(target);
        if (cleaned.isEmpty() || !SCHEME.matcher(cleaned.get()).lookingAt()) {
            return Optional.empty();
        }
        final String url = cleaned.get();
        final int authorityStart = url.indexOf("://") + 3;
        final int authorityEnd = endOfAuthority(url, authorityStart);
        final Optional<String> authority = authority(url.substring(authorityStart, authorityEnd));
        final Optional<String> rest = percentEncoded(url.substring(authorityEnd), KEPT_AFTER_HOST);
        if (authority.isEmpty() || rest.isEmpty()) {
            return Optional.empty();
        }
        return valid(url.substring(0, authorityStart) + authority.get() + rest.get());
    }

    private static Optional<String> withoutBreaks(final String target) {
        final StringBuilder cleaned = new StringBuilder(target.length());
        for (int i = 0; i < target.length(); i++) {
            final char c = target.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c < 0x20 || c == 0x7F) {
                return Optional.empty();
            }
            cleaned.append(c);
        }
        return Optional.of(cleaned.toString().trim());
    }

    private static int endOfAuthority(final String url, final int start) {
        for (int i = start; i < url.length(); i++) {
            final char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return url.length();
    }

    /**
     * {@code [userinfo@]host[:port]}, the host in ASCII; empty when it is not a usable authority.
     * A backslash makes it unusable: browsers read it as the end of the host, so the host here and
     * the one the link meant could differ.
     */
    private static Optional<String> authority(final String authority) {
        if (authority.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        final int at = authority.lastIndexOf('@');
        final Optional<String> userInfo = at < 0 ? Optional.of("")
                : percentEncoded(authority.substring(0, at), KEPT_IN_USER_INFO).map(info -> info + "@");
        final String hostAndPort = authority.substring(at + 1);
        final int portColon = hostAndPort.startsWith("[") ? hostAndPort.indexOf(':', hostAndPort.indexOf(']'))
                : hostAndPort.indexOf(':');
        final String host = portColon < 0 ? hostAndPort : hostAndPort.substring(0, portColon);
        final String port = portColon < 0 ? "" : hostAndPort.substring(portColon);
        final Optional<String> asciiHost = asciiHost(host);
        if (userInfo.isEmpty() || asciiHost.isEmpty() || !validPort(port)) {
            return Optional.empty();
        }
        return Optional.of(userInfo.get() + asciiHost.get() + port);
    }

    private static Optional<String> asciiHost(final String host) {
        if (IP_LITERAL.matcher(host).matches()) {
            return Optional.of(host);
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> IDNA_DEVIATIONS.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        try {
            final String ascii = IDN.toASCII(host);
            return ASCII_HOST.matcher(ascii).matches() ? Optional.of(ascii) : Optional.empty();
        } catch (final IllegalArgumentException e) {
            return Optional.empty(); // not a valid internationalised domain name
        }
    }

    private static boolean validPort(final String port) {
        if (port.isEmpty()) {
            return true;
        }
        final String digits = port.substring(1);
        return PORT.matcher(digits).matches() && (digits.isEmpty() || Integer.parseInt(digits) <= 65535);
    }

    /**
     * Path, query and fragment with every character RFC 3986 does not allow there percent-encoded
     * as UTF-8; existing {@code %XX} escapes are kept, a stray {@code %} is encoded, and a second
     * {@code #} too. Empty when the text is not valid UTF-16 (a lone surrogate).
     */
    private static Optional<String> percentEncoded(final String text, final String kept) {
        final StringBuilder encoded = new StringBuilder(text.length() + 16);
        boolean inFragment = false;
        for (int i = 0; i < text.length(); ) {
            final int c = text.codePointAt(i);
            if (Character.isSurrogate((char) c)) {
                return Optional.empty();
            }
            if (isAsciiLetterOrDigit(c) || kept.indexOf(c) >= 0 || (c == '%' && escapeAt(text, i))) {
                encoded.append((char) c);
            } else if (c == '#' && !inFragment) { // never in the user info: the authority ends at '#'
                inFragment = true;
                encoded.append('#');
            } else {
                for (final byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    encoded.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
            i += Character.charCount(c);
        }
        return Optional.of(encoded.toString());
    }

    private static boolean escapeAt(final String text, final int i) {
        return i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2));
    }

    private static boolean isHex(final char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAsciiLetterOrDigit(final int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The last check: what java.net.URI, a strict RFC 2396/3986 parser, reads as an absolute http(s) URL with a host. */
    private static Optional<String> valid(final String location) {
        try {
            final URI uri = new URI(location);
            final String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? Optional.of(location) : Optional.empty();
        } catch (final URISyntaxException e) {
            return Optional.empty();
        }
    }
}
