package io.pixelgate.aggregator.classify;

import io.pixelgate.events.HitKind;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies a hit (SPEC.md section 1) from several signals at once: the network, the user agent,
 * the time since delivery, whether it is an open or a click, and what else hit the same message. A
 * pure function of the hit's facts and the configured lists; every verdict keeps each signal that
 * points to its class.
 *
 * <ol>
 * <li>Proof of a machine in the message's own traffic or the source: the honeypot link or its
 *     source, a link burst, an open and a click from one source at once, a scanner's network or
 *     agent: SECURITY_SCANNER.</li>
 * <li>An Apple network: an open is APPLE_MPP (the proxy prefetches, whether the person reads or
 *     not); a click is a person's (Safari behind Private Relay: the proxy never follows links)
 *     unless the agent or the timing says machine.</li>
 * <li>An image proxy's network or agent: a click is a scanner's (proxies fetch images, they never
 *     follow links), an open within the scanner window after delivery is the proxy's fetch at
 *     delivery, any later open is IMAGE_PROXY_HUMAN (a real open without device data).</li>
 * <li>Sooner than the scanner window after delivery (or after the send when no delivery is known):
 *     SECURITY_SCANNER, since gateways fetch on delivery and people take longer.</li>
 * <li>No user agent, an automated or link-checking agent, a bare {@code Mozilla/5.0}: UNKNOWN.</li>
 * <li>Otherwise HUMAN.</li>
 * </ol>
 */
public final class HitClassifier {

    /** {@code Mozilla/5.0} and the like with nothing after: what Apple's proxy and many bots send. */
    private static final Pattern BARE_AGENT = Pattern.compile("(?i)mozilla/\\d+(\\.\\d+)?");

    private final ClassifierSettings settings;

    public HitClassifier(final ClassifierSettings settings) {
        this.settings = settings;
    }

    public Verdict classify(final HitFacts hit) {
        final String agent = hit.userAgent() == null ? "" : hit.userAgent().trim();
        final String lowerAgent = agent.toLowerCase(Locale.ROOT);
        final Reason timing = timing(hit);
        final Set<Reason> scanner = scannerSignals(hit, lowerAgent);
        if (!scanner.isEmpty()) {
            addIfPresent(scanner, timing);
            return new Verdict(HitClass.SECURITY_SCANNER, scanner);
        }
        final Reason automated = automated(hit.kind(), agent, lowerAgent);
        if (ClassifierSettings.labelMatches(hit.network(), settings.appleNetworks())) {
            return apple(hit.kind(), timing, automated);
        }
        final Set<Reason> proxy = proxySignals(hit.network(), lowerAgent);
        if (!proxy.isEmpty()) {
            return imageProxy(hit.kind(), timing, proxy);
        }
        if (timing != null) {
            return Verdict.of(HitClass.SECURITY_SCANNER, timing);
        }
        return automated != null ? Verdict.of(HitClass.UNKNOWN, automated) : Verdict.of(HitClass.HUMAN, Reason.MAIL_CLIENT);
    }

    /** Signals that a scanner made the hit, whatever else is true of it. */
    private Set<Reason> scannerSignals(final HitFacts hit, final String lowerAgent) {
        final Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        final HitContext context = hit.context();
        if (context.honeypotLink()) {
            reasons.add(Reason.HONEYPOT_LINK);
        }
        if (context.honeypotSource()) {
            reasons.add(Reason.HONEYPOT_SOURCE);
        }
        if (context.linkBurst()) {
            reasons.add(Reason.LINK_BURST);
        }
        if (context.openWithClick()) {
            reasons.add(Reason.OPEN_WITH_CLICK);
        }
        if (ClassifierSettings.labelMatches(hit.network(), settings.scannerNetworks())) {
            reasons.add(Reason.SCANNER_NETWORK);
        }
        if (contains(lowerAgent, settings.scannerAgents())) {
            reasons.add(Reason.SCANNER_AGENT);
        }
        return reasons;
    }

    /** Apple's proxy prefetches opens on delivery and later; it never clicks, so a click there is a person's. */
    private static Verdict apple(final HitKind kind, final Reason timing, final Reason automated) {
        if (kind == HitKind.OPEN) {
            return Verdict.of(HitClass.APPLE_MPP, Reason.APPLE_PROXY_NETWORK);
        }
        if (timing != null) {
            return Verdict.of(HitClass.SECURITY_SCANNER, timing);
        }
        return automated != null ? Verdict.of(HitClass.UNKNOWN, automated)
                : Verdict.of(HitClass.HUMAN, Reason.APPLE_NETWORK_CLICK);
    }

    private static Verdict imageProxy(final HitKind kind, final Reason timing, final Set<Reason> proxy) {
        if (kind == HitKind.CLICK) {
            proxy.add(Reason.PROXY_CLICK);
            return new Verdict(HitClass.SECURITY_SCANNER, proxy);
        }
        if (timing != null) {
            proxy.add(timing);
            return new Verdict(HitClass.SECURITY_SCANNER, proxy);
        }
        return new Verdict(HitClass.IMAGE_PROXY_HUMAN, proxy);
    }

    private Set<Reason> proxySignals(final String network, final String lowerAgent) {
        final Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        if (ClassifierSettings.labelMatches(network, settings.imageProxyNetworks())) {
            reasons.add(Reason.IMAGE_PROXY_NETWORK);
        }
        if (contains(lowerAgent, settings.imageProxyAgents())) {
            reasons.add(Reason.IMAGE_PROXY_AGENT);
        }
        return reasons;
    }

    /** SOON_AFTER_DELIVERY or SOON_AFTER_SEND when the hit came within the scanner window, else null. */
    private Reason timing(final HitFacts hit) {
        final Instant clock = hit.deliveryClock();
        if (clock == null || !hit.receivedAt().isBefore(clock.plus(settings.scannerWindow()))) {
            return null;
        }
        return hit.deliveredAt() != null ? Reason.SOON_AFTER_DELIVERY : Reason.SOON_AFTER_SEND;
    }

    /** The reason an agent is not a person's mail client or browser, or null. */
    private Reason automated(final HitKind kind, final String agent, final String lowerAgent) {
        if (agent.isEmpty()) {
            return Reason.NO_USER_AGENT;
        }
        if (contains(lowerAgent, settings.automatedAgents())) {
            return Reason.AUTOMATED_AGENT;
        }
        // Outlook for Windows downloads images with the same ms-office tokens: only a click is a link check.
        if (kind == HitKind.CLICK && contains(lowerAgent, settings.linkCheckAgents())) {
            return Reason.LINK_CHECK_AGENT;
        }
        // The pattern has no space: a full agent string (nearly every hit) never needs the matcher.
        return agent.indexOf(' ') < 0 && BARE_AGENT.matcher(agent).matches() ? Reason.BARE_AGENT : null;
    }

    private static void addIfPresent(final Set<Reason> reasons, final Reason reason) {
        if (reason != null) {
            reasons.add(reason);
        }
    }

    private static boolean contains(final String lowerAgent, final List<String> patterns) {
        if (lowerAgent.isEmpty()) {
            return false;
        }
        for (final String pattern : patterns) {
            if (lowerAgent.contains(pattern)) {
                return true;
            }
        }
        return false;
    }
}
