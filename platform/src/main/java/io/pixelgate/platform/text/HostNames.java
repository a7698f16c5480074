package io.pixelgate.platform.text;

/** Host names as a person on this machine types them into a URL. */
public final class HostNames {

    private HostNames() {
    }

    /** Where a person on this machine reaches a server listening on {@code host}: a wildcard is localhost, IPv6 in brackets. */
    public static String display(final String host) {
        return switch (host) {
            case "0.0.0.0", "::", "[::]", "" -> "localhost";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
    }
}
