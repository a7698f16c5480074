package io.pixelgate.aggregator.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.aggregator.AggregatorSettings;
import io.pixelgate.events.HitKind;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classifier against user agents and timings as mail clients, proxies and gateways send them
 * (user agents as published by the vendors or as reported in senders' logs), with the default
 * configuration. Scanners that pose as browsers are caught by their network or their timing only.
 */
class HitClassifierTest {

    private static final Instant SENT = Instant.parse("2026-11-22T10:00:00Z");
    private static final HitClassifier CLASSIFIER = new HitClassifier(AggregatorSettings.from(PixelgateConfig.of(
            Map.of(CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("k").toConfigString()))).classifier());

    private static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    private static final String MAC_MAIL = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko)";
    private static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    private static final String GMAIL_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 "
            + "(via ggpht.com GoogleImageProxy)";

    static Stream<Arguments> hits() {
        final Duration hours = Duration.ofHours(2);
        return Stream.of(
                // Apple Mail Privacy Protection: the proxy prefetches on delivery, with or without a real UA
                row("Apple MPP prefetch on delivery", HitKind.OPEN, "Mozilla/5.0", "apple-mpp", Duration.ofSeconds(2),
                        HitClass.APPLE_MPP, Reason.APPLE_PROXY_NETWORK),
                row("Apple MPP refetch hours later", HitKind.OPEN, MAC_MAIL, "apple-mpp", hours,
                        HitClass.APPLE_MPP, Reason.APPLE_PROXY_NETWORK),
                row("Apple-style bare agent where no Apple ranges are configured", HitKind.OPEN, "Mozilla/5.0", null,
                        hours, HitClass.UNKNOWN, Reason.BARE_AGENT),
                // webmail image proxies: a real open, no device data
                row("Gmail image proxy, labelled network", HitKind.OPEN, GMAIL_PROXY, "google-image-proxy", hours,
                        HitClass.IMAGE_PROXY_HUMAN, Reason.IMAGE_PROXY_NETWORK),
                row("Gmail image proxy, agent only", HitKind.OPEN, GMAIL_PROXY, null, hours,
                        HitClass.IMAGE_PROXY_HUMAN, Reason.IMAGE_PROXY_AGENT),
                row("Yahoo Mail proxy", HitKind.OPEN,
                        "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", null, hours,
                        HitClass.IMAGE_PROXY_HUMAN, Reason.IMAGE_PROXY_AGENT),
                row("Yahoo Mail proxy, labelled network", HitKind.OPEN,
                        "Mozilla/5.0 (compatible; YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html)",
                        "yahoo-image-proxy", hours, HitClass.IMAGE_PROXY_HUMAN, Reason.IMAGE_PROXY_NETWORK),
                // Microsoft Defender for Office 365 / Outlook SafeLinks
                row("Office checking a clicked link", HitKind.CLICK, "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
                        null, hours, HitClass.UNKNOWN, Reason.LINK_CHECK_AGENT),
                row("Office link existence discovery", HitKind.CLICK,
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Microsoft Office Existence Discovery",
                        null, hours, HitClass.UNKNOWN, Reason.LINK_CHECK_AGENT),
                row("Outlook for Windows downloading images with the ms-office tokens", HitKind.OPEN,
                        "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; "
                                + "Microsoft Outlook 16.0.5134; ms-office; MSOffice 16)", null, hours,
                        HitClass.HUMAN, Reason.MAIL_CLIENT),
                row("Mimecast from its published range", HitKind.CLICK, CHROME_WINDOWS, "scanner-mimecast", hours,
                        HitClass.SECURITY_SCANNER, Reason.SCANNER_NETWORK),
                row("Google's link scanner from a Google range", HitKind.CLICK, CHROME_WINDOWS, "google-image-proxy",
                        hours, HitClass.SECURITY_SCANNER, Reason.PROXY_CLICK),
                row("a person in Safari behind Private Relay", HitKind.CLICK, SAFARI_IPHONE, "apple-private-relay",
                        hours, HitClass.HUMAN, Reason.APPLE_NETWORK_CLICK),
                row("Apple's proxy from a Private Relay egress range", HitKind.OPEN, MAC_MAIL, "apple-private-relay",
                        hours, HitClass.APPLE_MPP, Reason.APPLE_PROXY_NETWORK),
                row("a link shortener", HitKind.CLICK, "bitlybot/3.0 (+http://bit.ly/)", null, hours,
                        HitClass.UNKNOWN, Reason.AUTOMATED_AGENT),
                delivered("Gmail's proxy fetching at delivery of a queued send", HitKind.OPEN, GMAIL_PROXY,
                        "google-image-proxy", Duration.ofMinutes(5), Duration.ofSeconds(1), HitClass.SECURITY_SCANNER,
                        Reason.SOON_AFTER_DELIVERY),
                delivered("a gateway a minute after a queued send, seconds after delivery", HitKind.CLICK,
                        CHROME_WINDOWS, null, Duration.ofMinutes(1), Duration.ofSeconds(3), HitClass.SECURITY_SCANNER,
                        Reason.SOON_AFTER_DELIVERY),
                delivered("a person an hour after delivery of a send queued for a day", HitKind.OPEN, MAC_MAIL, null,
                        Duration.ofDays(1), Duration.ofHours(1), HitClass.HUMAN, Reason.MAIL_CLIENT),
                context("the honeypot link", CHROME_WINDOWS, new HitContext(false, false, true, false),
                        Reason.HONEYPOT_LINK),
                context("the honeypot's source on a real link", CHROME_WINDOWS, new HitContext(false, false, false, true),
                        Reason.HONEYPOT_SOURCE),
                context("a click with an open from the same source at once", CHROME_WINDOWS,
                        new HitContext(false, true, false, false), Reason.OPEN_WITH_CLICK),
                row("SafeLinks detonation as Chrome from a Microsoft range", HitKind.CLICK, CHROME_WINDOWS,
                        "security-scanner", Duration.ofSeconds(40), HitClass.SECURITY_SCANNER, Reason.SCANNER_NETWORK),
                row("Defender sandbox rendering on delivery", HitKind.OPEN, CHROME_WINDOWS, null,
                        Duration.ofSeconds(3), HitClass.SECURITY_SCANNER, Reason.SOON_AFTER_SEND),
                // Mimecast URL Protect: browser agents from its own ranges
                row("Mimecast from its labelled range", HitKind.CLICK, CHROME_WINDOWS, "security-scanner", hours,
                        HitClass.SECURITY_SCANNER, Reason.SCANNER_NETWORK),
                row("Mimecast naming itself", HitKind.CLICK, "Mozilla/5.0 (compatible; Mimecast URL Protect)", null,
                        hours, HitClass.SECURITY_SCANNER, Reason.SCANNER_AGENT),
                row("Mimecast on delivery, unlabelled", HitKind.CLICK, CHROME_WINDOWS, null, Duration.ofMillis(900),
                        HitClass.SECURITY_SCANNER, Reason.SOON_AFTER_SEND),
                // Proofpoint URL Defense
                row("Proofpoint naming itself", HitKind.CLICK, "Mozilla/5.0 (compatible; Proofpoint/2.0)", null, hours,
                        HitClass.SECURITY_SCANNER, Reason.SCANNER_AGENT),
                row("Proofpoint as Internet Explorer on delivery", HitKind.CLICK,
                        "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko", null,
                        Duration.ofSeconds(2), HitClass.SECURITY_SCANNER, Reason.SOON_AFTER_SEND),
                // Barracuda link protection: names itself, and follows every link at once
                row("Barracuda naming itself", HitKind.CLICK, "Mozilla/5.0 (compatible; Barracuda Link Protection)",
                        null, hours, HitClass.SECURITY_SCANNER, Reason.SCANNER_AGENT),
                burst("Barracuda clicking every link at once", CHROME_WINDOWS),
                // people
                row("Outlook for Windows", HitKind.OPEN,
                        "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)", null, hours,
                        HitClass.HUMAN, Reason.MAIL_CLIENT),
                row("Thunderbird", HitKind.OPEN,
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.3.1", null,
                        hours, HitClass.HUMAN, Reason.MAIL_CLIENT),
                row("Apple Mail on a Mac, protection off", HitKind.OPEN, MAC_MAIL, null, hours,
                        HitClass.HUMAN, Reason.MAIL_CLIENT),
                row("Mail on iPhone", HitKind.OPEN, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
                        + "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", null, hours,
                        HitClass.HUMAN, Reason.MAIL_CLIENT),
                row("webmail in Chrome on Windows", HitKind.CLICK, CHROME_WINDOWS, null, hours,
                        HitClass.HUMAN, Reason.MAIL_CLIENT),
                row("link from the Gmail app on Android", HitKind.CLICK, "Mozilla/5.0 (Linux; Android 14; Pixel 8) "
                        + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36", null,
                        Duration.ofMinutes(7), HitClass.HUMAN, Reason.MAIL_CLIENT),
                row("Outlook for iOS", HitKind.CLICK, "Outlook-iOS/723.4027091.prod.iphone (4.2331.0)", null, hours,
                        HitClass.HUMAN, Reason.MAIL_CLIENT),
                // machines we cannot name
                row("curl", HitKind.CLICK, "curl/8.4.0", null, hours, HitClass.UNKNOWN, Reason.AUTOMATED_AGENT),
                row("python script", HitKind.OPEN, "python-requests/2.32.3", null, hours,
                        HitClass.UNKNOWN, Reason.AUTOMATED_AGENT),
                row("search crawler", HitKind.CLICK,
                        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", null, hours,
                        HitClass.UNKNOWN, Reason.AUTOMATED_AGENT),
                row("no user agent", HitKind.OPEN, null, null, hours, HitClass.UNKNOWN, Reason.NO_USER_AGENT),
                // the timing rule needs a send time: an anonymous pixel has none
                Arguments.of("anonymous pixel, seconds after the campaign went out",
                        new HitFacts(HitKind.OPEN, CHROME_WINDOWS, null, SENT.plusSeconds(1), null, null,
                                HitContext.NONE), HitClass.HUMAN, Reason.MAIL_CLIENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hits")
    void classifiesRealAgentsAndTimings(final String description, final HitFacts hit, final HitClass expectedClass,
                                        final Reason expectedReason) {
        final Verdict verdict = CLASSIFIER.classify(hit);

        assertThat(verdict.hitClass()).as(description + ": " + verdict).isEqualTo(expectedClass);
        assertThat(verdict.reasons()).as(description + ": " + verdict).contains(expectedReason);
    }

    private static Arguments row(final String description, final HitKind kind, final String agent,
                                 final String network, final Duration afterSend, final HitClass expectedClass,
                                 final Reason expectedReason) {
        return Arguments.of(description, new HitFacts(kind, agent, network, SENT.plus(afterSend), SENT, null,
                HitContext.NONE), expectedClass, expectedReason);
    }

    /** A hit on a message whose delivery, {@code queued} after the send, is known. */
    private static Arguments delivered(final String description, final HitKind kind, final String agent,
                                       final String network, final Duration queued, final Duration afterDelivery,
                                       final HitClass expectedClass, final Reason expectedReason) {
        final Instant deliveredAt = SENT.plus(queued);
        return Arguments.of(description, new HitFacts(kind, agent, network, deliveredAt.plus(afterDelivery), SENT,
                deliveredAt, HitContext.NONE), expectedClass, expectedReason);
    }

    /** A click an hour after the send, with what else its message saw. */
    private static Arguments context(final String description, final String agent, final HitContext context,
                                     final Reason expectedReason) {
        return Arguments.of(description, new HitFacts(HitKind.CLICK, agent, null, SENT.plus(Duration.ofHours(1)),
                SENT, null, context), HitClass.SECURITY_SCANNER, expectedReason);
    }

    private static Arguments burst(final String description, final String agent) {
        return context(description, agent, new HitContext(true, false, false, false), Reason.LINK_BURST);
    }
}
