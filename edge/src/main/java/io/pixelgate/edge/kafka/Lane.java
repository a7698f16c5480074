package io.pixelgate.edge.kafka;

/**
 * The edge's two queues to Kafka, each with its own bounds, producer and sender thread: however
 * many hits wait, a person's consent change is never refused or queued behind them.
 */
public enum Lane {
    /** Pixel and click hits: many, small, answered at once whether or not Kafka has them. */
    HITS("hits"),
    /** Consent changes from the preferences pages: few, and each one awaited by a person. */
    CONSENT("consent");

    private final String tag;

    Lane(final String tag) {
        this.tag = tag;
    }

    /** The metric tag value. */
    public String tag() {
        return tag;
    }
}
