package io.pixelgate.aggregator.classify;

/** Why a hit got its class: the rule of {@link HitClassifier} that matched first. */
public enum Reason {
    /** The client address is in a network labelled as Apple's privacy proxy. */
    APPLE_PROXY_NETWORK,
    /** The client address is in a network labelled as a security scanner's. */
    SCANNER_NETWORK,
    /** The user agent names a known scanner. */
    SCANNER_AGENT,
    /** A click on a message that, within seconds, also had clicks on most of its other links. */
    LINK_BURST,
    /** The client address is in a network labelled as a webmail image proxy. */
    IMAGE_PROXY_NETWORK,
    /** The user agent names a webmail image proxy. */
    IMAGE_PROXY_AGENT,
    /** The hit came within seconds of the send: before a person could have read the message. */
    SOON_AFTER_SEND,
    /** No user agent at all. */
    NO_USER_AGENT,
    /** The user agent is an HTTP library or command-line tool. */
    AUTOMATED_AGENT,
    /** The user agent is a bare product token such as {@code Mozilla/5.0}, with no platform. */
    BARE_AGENT,
    /** None of the machine rules matched: a mail client or browser. */
    MAIL_CLIENT
}
