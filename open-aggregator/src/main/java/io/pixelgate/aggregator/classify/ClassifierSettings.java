package io.pixelgate.aggregator.classify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The configurable facts {@link HitClassifier} matches against. Network labels are those the edge
 * gives its configured ranges; a label pattern ending in {@code *} matches every label starting
 * with what comes before it ({@code scanner-*}). Agent patterns match case-insensitively anywhere
 * in the User-Agent.
 *
 * @param appleNetworks      labels of Apple's privacy-proxy and Private Relay ranges
 * @param scannerNetworks    labels of security scanners' ranges
 * @param imageProxyNetworks labels of webmail image proxies' ranges
 * @param scannerAgents      user-agent patterns of known scanners
 * @param imageProxyAgents   user-agent patterns of webmail image proxies
 * @param automatedAgents    user-agent patterns of HTTP libraries, tools, crawlers and link-preview bots
 * @param linkCheckAgents    user-agent patterns of office suites checking a clicked link (clicks only)
 * @param scannerWindow      a hit sooner than this after delivery (or the send) is a scanner's
 * @param burstLinks         distinct links of one message clicked within {@code burstWindow} that make a burst
 * @param burstWindow        how close together a burst's clicks are
 * @param openClickWindow    an open and a click of one message from one source this close together are a scanner's
 */
public record ClassifierSettings(List<String> appleNetworks, List<String> scannerNetworks,
                                 List<String> imageProxyNetworks, List<String> scannerAgents,
                                 List<String> imageProxyAgents, List<String> automatedAgents,
                                 List<String> linkCheckAgents, Duration scannerWindow, int burstLinks,
                                 Duration burstWindow, Duration openClickWindow) {

    public ClassifierSettings {
        appleNetworks = List.copyOf(appleNetworks);
        scannerNetworks = List.copyOf(scannerNetworks);
        imageProxyNetworks = List.copyOf(imageProxyNetworks);
        scannerAgents = lowerCase(scannerAgents);
        imageProxyAgents = lowerCase(imageProxyAgents);
        automatedAgents = lowerCase(automatedAgents);
        linkCheckAgents = lowerCase(linkCheckAgents);
        Objects.requireNonNull(scannerWindow, "scannerWindow");
        Objects.requireNonNull(burstWindow, "burstWindow");
        Objects.requireNonNull(openClickWindow, "openClickWindow");
        if (burstLinks < 2) {
            throw new IllegalArgumentException("a link burst needs at least 2 distinct links, got " + burstLinks);
        }
    }

    /** Whether {@code label} matches one of {@code patterns} (exactly, or by prefix for a pattern ending in *). */
    static boolean labelMatches(final String label, final List<String> patterns) {
        if (label == null) {
            return false;
        }
        for (final String pattern : patterns) {
            final boolean matches = pattern.endsWith("*")
                    ? label.startsWith(pattern.substring(0, pattern.length() - 1)) : label.equals(pattern);
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lowerCase(final List<String> patterns) {
        return patterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty())
                .collect(Collectors.toUnmodifiableList());
    }
}
