package io.pixelgate.demo;

import java.util.List;

/**
 * User-Agent headers of the simulated clients, as such clients really send them. The
 * open-aggregator classifies by these (and by the network of the address): Apple's proxy sends a
 * bare {@code Mozilla/5.0}, Gmail's proxy names itself, gateways name themselves or run a
 * headless browser.
 */
public final class UserAgents {

    /** What Apple's Mail Privacy Protection proxy sends. */
    public static final String APPLE_PROXY = "Mozilla/5.0";
    /** What Gmail's image proxy sends. */
    public static final String GOOGLE_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 "
            + "(via ggpht.com GoogleImageProxy)";
    /** A script requesting made-up pixel URLs. */
    public static final String PROBE = "curl/8.5.0";

    /** Security gateways that fetch every URL of an email at delivery. */
    public static final List<String> SCANNERS = List.of(
            "Mozilla/5.0 (compatible; Mimecast URL Protect/3.1)",
            "Proofpoint URL Defense/2.0 (urldefense)",
            "Barracuda Sentinel Link Protection/1.4",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 "
                    + "Safari/537.36");

    /** Mail apps that load images themselves when the person opens the email. */
    public static final List<String> MAIL_APPS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; Microsoft Outlook 16.0.17328; Pro)",
            "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.9.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
            "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
                    + "Mobile Safari/537.36");

    /** Browsers a person follows a link or opens the preferences page with. */
    public static final List<String> BROWSERS = List.of(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.4 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
                    + "Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
                    + "Mobile Safari/537.36");

    private UserAgents() {
    }

    /** The {@code pick}-th of {@code agents}, wrapping around: a profile keeps its devices. */
    public static String pick(final List<String> agents, final int pick) {
        return agents.get(Math.floorMod(pick, agents.size()));
    }
}
