package io.pixelgate.edge.kafka;

/** What the edge writes to Kafka, as named in its metrics, and the lane each goes through. */
public enum RecordType {
    OPEN_HIT("open-hit", Lane.HITS),
    CLICK_HIT("click-hit", Lane.HITS),
    CONSENT_CHANGE("consent-change", Lane.CONSENT);

    private final String tag;
    private final Lane lane;

    RecordType(final String tag, final Lane lane) {
        this.tag = tag;
        this.lane = lane;
    }

    /** The metric tag value. */
    public String tag() {
        return tag;
    }

    public Lane lane() {
        return lane;
    }
}
