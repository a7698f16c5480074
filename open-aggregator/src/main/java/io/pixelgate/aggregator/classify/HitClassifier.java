package io.pixelgate.aggregator.classify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies a hit (SPEC.md section 1). A pure function of the hit's facts and the configured
 * lists; the first matching rule wins, in this order:
 * <ol>
 * <li>Apple proxy network: APPLE_MPP. Apple's proxy also prefetches right after delivery, so this
 *     goes before the timing rule: those opens are Apple's, not a scanner's.</li>
 * <li>scanner network, scanner agent, link burst: SECURITY_SCANNER.</li>
 * <li>image-proxy network or agent: IMAGE_PROXY_HUMAN. Gmail and Yahoo fetch through their proxy
 *     when the person opens; the open is real even though the device is hidden.</li>
 * <li>sooner than the scanner window after the send: SECURITY_SCANNER (gateways fetch on delivery,
 *     people take longer).</li>
 * <li>no user agent, an HTTP library, a bare {@code Mozilla/5.0}: UNKNOWN (a machine we cannot name).</li>
 * <li>otherwise HUMAN.</li>
 * </ol>
 */
public final class HitClassifier {

    /** {@code Mozilla/5.0} and the like with nothing after: what Apple's proxy and many bots send. */
    private static final Pattern BARE_AGENT = Pattern.compile("(?i)mozilla/\\d+(\\.\\d+)?");

    private final ClassifierSettings settings;

    public HitClassifier(final ClassifierSettings settings) {
        this.settings = settings;
    }

    public Classification classify(final HitFacts hit) {
        final String network = hit.network();
        final String agent = hit.userAgent() == null ? "" : hit.userAgent().trim();
        final String lowerAgent = agent.toLowerCase(Locale.ROOT);
        if (inNetworks(network, settings.appleNetworks())) {
            return new Classification(HitClass.APPLE_MPP, Reason.APPLE_PROXY_NETWORK, "network=" + network);
        }
        if (inNetworks(network, settings.scannerNetworks())) {
            return new Classification(HitClass.SECURITY_SCANNER, Reason.SCANNER_NETWORK, "network=" + network);
        }
        final Optional<String> scanner = firstContained(lowerAgent, settings.scannerAgents());
        if (scanner.isPresent()) {
            return new Classification(HitClass.SECURITY_SCANNER, Reason.SCANNER_AGENT, "agent~" + scanner.get());
        }
        if (hit.linkBurst()) {
            return new Classification(HitClass.SECURITY_SCANNER, Reason.LINK_BURST,
                    settings.burstLinks() + " links within " + settings.burstWindow());
        }
        if (inNetworks(network, settings.imageProxyNetworks())) {
            return new Classification(HitClass.IMAGE_PROXY_HUMAN, Reason.IMAGE_PROXY_NETWORK, "network=" + network);
        }
        final Optional<String> proxy = firstContained(lowerAgent, settings.imageProxyAgents());
        if (proxy.isPresent()) {
            return new Classification(HitClass.IMAGE_PROXY_HUMAN, Reason.IMAGE_PROXY_AGENT, "agent~" + proxy.get());
        }
        if (hit.sentAt() != null && hit.receivedAt().isBefore(hit.sentAt().plus(settings.scannerWindow()))) {
            return new Classification(HitClass.SECURITY_SCANNER, Reason.SOON_AFTER_SEND,
                    Duration.between(hit.sentAt(), hit.receivedAt()) + " after the send");
        }
        return machineOrHuman(agent, lowerAgent);
    }

    private Classification machineOrHuman(final String agent, final String lowerAgent) {
        if (agent.isEmpty()) {
            return new Classification(HitClass.UNKNOWN, Reason.NO_USER_AGENT, "no user agent");
        }
        final Optional<String> automated = firstContained(lowerAgent, settings.automatedAgents());
        if (automated.isPresent()) {
            return new Classification(HitClass.UNKNOWN, Reason.AUTOMATED_AGENT, "agent~" + automated.get());
        }
        if (BARE_AGENT.matcher(agent).matches()) {
            return new Classification(HitClass.UNKNOWN, Reason.BARE_AGENT, "agent=" + agent);
        }
        return new Classification(HitClass.HUMAN, Reason.MAIL_CLIENT, "no machine rule matched");
    }

    private static boolean inNetworks(final String network, final Set<String> labels) {
        return network != null && labels.contains(network);
    }

    private static Optional<String> firstContained(final String lowerAgent, final List<String> patterns) {
        if (lowerAgent.isEmpty()) {
            return Optional.empty();
        }
        for (final String pattern : patterns) {
            if (lowerAgent.contains(pattern)) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }
}
