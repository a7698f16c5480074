package io.pixelgate.bench.edge;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code wrk --latency} run reports.
 *
 * @param requests          responses wrk counted (whatever their status)
 * @param requestsPerSecond its {@code Requests/sec}
 * @param p50Ms             median latency
 * @param p99Ms             99th percentile latency
 * @param non2xx            responses that were not 2xx or 3xx
 * @param socketErrors      connect, read, write errors and time-outs
 */
public record WrkResult(long requests, double requestsPerSecond, double p50Ms, double p99Ms, long non2xx,
                        long socketErrors) {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([\\d.]+)(us|ms|s|m)\\b");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s|m)\\b");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** Reads wrk's output; throws naming what is missing (run wrk with --latency). */
    public static WrkResult parse(final String output) {
        final Matcher errors = SOCKET_ERRORS.matcher(output);
        long socketErrors = 0;
        if (errors.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(errors.group(group));
            }
        }
        final Matcher non2xx = NON_2XX.matcher(output);
        return new WrkResult(Long.parseLong(find(REQUESTS, output, "the request count")),
                Double.parseDouble(find(RATE, output, "Requests/sec")),
                millis(P50, output), millis(P99, output),
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, socketErrors);
    }

    private static String find(final Pattern pattern, final String output, final String what) {
        final Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalArgumentException("wrk's output has no " + what + " (was it run with --latency?):\n" + output);
        }
        return matcher.group(1);
    }

    private static double millis(final Pattern pattern, final String output) {
        final Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalArgumentException("wrk's output has no latency distribution; run it with --latency:\n"
                    + output);
        }
        final double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "us" -> value / 1_000;
            case "ms" -> value;
            case "s" -> value * 1_000;
            default -> value * 60_000;
        };
    }
}
