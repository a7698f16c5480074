package io.pixelgate.demo;

/**
 * How a recipient's mail client treats the images and links of an email, which decides what the
 * edge sees of it. Shares are those of the simulated population (roughly today's market: Apple
 * Mail with Privacy Protection and Gmail carry most opens).
 */
public enum MailClient {

    /** Apple Mail with Mail Privacy Protection: Apple's proxy fetches every image at delivery, opened or not. */
    APPLE_MPP(0.35),
    /** Gmail: images come through Google's image proxy when the person opens the email. */
    GMAIL_PROXY(0.28),
    /** A corporate mailbox behind a security gateway that fetches every image and link at delivery. */
    CORPORATE_SCANNER(0.10),
    /** A client that blocks remote images: no pixel ever; a click is the only sign of an open. */
    IMAGE_BLOCKER(0.12),
    /** A desktop or mobile app loading images itself when the person opens the email. */
    DIRECT(0.15);

    private final double share;

    MailClient(final double share) {
        this.share = share;
    }

    /** The share of the population using this client; the shares add up to 1. */
    public double share() {
        return share;
    }

    /** The client a uniform draw in [0, 1) falls on. */
    public static MailClient at(final double draw) {
        double upTo = 0;
        for (final MailClient client : values()) {
            upTo += client.share;
            if (draw < upTo) {
                return client;
            }
        }
        return DIRECT;
    }
}
