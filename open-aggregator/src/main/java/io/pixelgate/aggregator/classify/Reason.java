package io.pixelgate.aggregator.classify;

/**
 * A signal that took part in a hit's verdict. A verdict keeps every signal that points to its class
 * (a scanner's click may be both {@link #SCANNER_NETWORK} and {@link #SOON_AFTER_DELIVERY}), so
 * campaign-stats can say how often each one decided (its {@code hitReasons} counters).
 */
public enum Reason {
    /** An open from a network labelled as Apple's privacy proxy or its Private Relay egress. */
    APPLE_PROXY_NETWORK,
    /** A click from an Apple network: a person (Safari behind Private Relay); Apple's proxy never follows links. */
    APPLE_NETWORK_CLICK,
    /** The client address is in a network labelled as a security scanner's, e.g. a vendor's published ranges. */
    SCANNER_NETWORK,
    /** The user agent names a known scanner. */
    SCANNER_AGENT,
    /** A click that brings the message's clicks within the burst window to the configured number of links. */
    LINK_BURST,
    /** An open and a click of the message from the same source (network prefix and agent) within moments. */
    OPEN_WITH_CLICK,
    /** The hit is on the message's invisible honeypot link, which no person can see. */
    HONEYPOT_LINK,
    /** The hit comes from the source that followed the message's honeypot link. */
    HONEYPOT_SOURCE,
    /** The client address is in a network labelled as a webmail image proxy. */
    IMAGE_PROXY_NETWORK,
    /** The user agent names a webmail image proxy. */
    IMAGE_PROXY_AGENT,
    /** A click through an image proxy's network or agent: image proxies never follow links. */
    PROXY_CLICK,
    /** The hit came within seconds of the receiving server accepting the message (the deliveries input). */
    SOON_AFTER_DELIVERY,
    /** The hit came within seconds of the send request, when no delivery time is known. */
    SOON_AFTER_SEND,
    /** No user agent at all. */
    NO_USER_AGENT,
    /** The user agent is an HTTP library, a command-line tool, a crawler or a link-preview bot. */
    AUTOMATED_AGENT,
    /** A click whose agent is an office suite checking the link before a browser opens it. */
    LINK_CHECK_AGENT,
    /** The user agent is a bare product token such as {@code Mozilla/5.0}, with no platform. */
    BARE_AGENT,
    /** None of the machine signals: a mail client or browser. */
    MAIL_CLIENT
}
