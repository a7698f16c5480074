package io.pixelgate.aggregator.count;

/**
 * The counters of a campaign-stats record, each named after its Avro field. A {@link CampaignDelta}
 * holds an increment per counter.
 */
public enum Counter {
    SENT("sent"),
    SENT_PERSONAL("sentPersonal"),
    SENT_ANONYMOUS("sentAnonymous"),
    SENT_DELIVERABILITY("sentDeliverability"),
    SENT_NONE("sentNone"),
    OPENS("opens"),
    HUMAN_OPENS("humanOpens"),
    MACHINE_OPENS("machineOpens"),
    UNIQUE_OPENS("uniqueOpens"),
    UNIQUE_HUMAN_OPENS("uniqueHumanOpens"),
    ANONYMOUS_OPENS("anonymousOpens"),
    CLICKS("clicks"),
    HUMAN_CLICKS("humanClicks"),
    MACHINE_CLICKS("machineClicks"),
    UNIQUE_CLICKS("uniqueClicks"),
    UNIQUE_HUMAN_CLICKS("uniqueHumanClicks"),
    ANONYMOUS_CLICKS("anonymousClicks"),
    IMPLICIT_OPENS("implicitOpens"),
    REJECTED_HITS("rejectedHits");

    private final String field;

    Counter(final String field) {
        this.field = field;
    }

    /** The CampaignStats field this counter is. */
    public String field() {
        return field;
    }
}
