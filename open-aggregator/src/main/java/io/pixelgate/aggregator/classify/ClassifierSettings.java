package io.pixelgate.aggregator.classify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configurable facts {@link HitClassifier} matches against. Network labels are those the edge
 * gives its configured CIDR ranges; agent patterns match case-insensitively anywhere in the
 * User-Agent.
 *
 * @param appleNetworks      labels of Apple's privacy-proxy ranges
 * @param scannerNetworks    labels of security scanners' ranges
 * @param imageProxyNetworks labels of webmail image proxies' ranges
 * @param scannerAgents      user-agent patterns of known scanners
 * @param imageProxyAgents   user-agent patterns of webmail image proxies
 * @param automatedAgents    user-agent patterns of HTTP libraries and tools
 * @param scannerWindow      a hit sooner than this after the send is a scanner's
 * @param burstLinks         distinct links of one message clicked within {@code burstWindow} that make a burst
 * @param burstWindow        how close together a burst's clicks are
 */
public record ClassifierSettings(Set<String> appleNetworks, Set<String> scannerNetworks, Set<String> imageProxyNetworks,
                                 List<String> scannerAgents, List<String> imageProxyAgents,
                                 List<String> automatedAgents, Duration scannerWindow, int burstLinks,
                                 Duration burstWindow) {

    public ClassifierSettings {
        appleNetworks = Set.copyOf(appleNetworks);
        scannerNetworks = Set.copyOf(scannerNetworks);
        imageProxyNetworks = Set.copyOf(imageProxyNetworks);
        scannerAgents = lowerCase(scannerAgents);
        imageProxyAgents = lowerCase(imageProxyAgents);
        automatedAgents = lowerCase(automatedAgents);
        Objects.requireNonNull(scannerWindow, "scannerWindow");
        Objects.requireNonNull(burstWindow, "burstWindow");
        if (burstLinks < 2) {
            throw new IllegalArgumentException("a link burst needs at least 2 distinct links, got " + burstLinks);
        }
    }

    private static List<String> lowerCase(final List<String> patterns) {
        return patterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty())
                .collect(Collectors.toUnmodifiableList());
    }
}
