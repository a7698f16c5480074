package io.pixelgate.demo;

import java.util.random.RandomGenerator;

/**
 * Client addresses of simulated requests. Proxies come from the ranges the edge labels by default
 * ({@code edge.networks}: Apple's 17.0.0.0/8, Google's 66.249.80.0/20); people and corporate
 * gateways from the documentation ranges (RFC 5737), which belong to no one.
 */
public final class Addresses {

    private Addresses() {
    }

    /** An address of Apple's Mail Privacy Protection proxies. */
    public static String apple(final RandomGenerator random) {
        return "17." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** An address of Google's image proxy (66.249.80.0/20). */
    public static String google(final RandomGenerator random) {
        return "66.249." + (80 + random.nextInt(16)) + "." + (1 + random.nextInt(254));
    }

    /** A home or mobile connection. */
    public static String home(final RandomGenerator random) {
        return (random.nextBoolean() ? "203.0.113." : "198.51.100.") + (1 + random.nextInt(254));
    }

    /** A corporate security gateway. */
    public static String gateway(final RandomGenerator random) {
        return "192.0.2." + (1 + random.nextInt(254));
    }
}
