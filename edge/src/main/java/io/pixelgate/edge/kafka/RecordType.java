package io.pixelgate.edge.kafka;

/** What the edge writes to Kafka, as named in its metrics. */
public enum RecordType {
    OPEN_HIT("open-hit"),
    CLICK_HIT("click-hit"),
    CONSENT_CHANGE("consent-change");

    private final String tag;

    RecordType(final String tag) {
        this.tag = tag;
    }

    /** The metric tag value. */
    public String tag() {
        return tag;
    }
}
