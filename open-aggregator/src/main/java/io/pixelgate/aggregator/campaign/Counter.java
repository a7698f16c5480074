package io.pixelgate.aggregator.campaign;

import io.pixelgate.aggregator.classify.HitClass;

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
    REJECTED_HITS("rejectedHits"),
    APPLE_MPP_HITS("appleMppHits"),
    SECURITY_SCANNER_HITS("securityScannerHits"),
    UNKNOWN_HITS("unknownHits"),
    APPLE_MPP_ONLY_MESSAGES("appleMppOnlyMessages"),
    /** Last: counter ordinals are written on the delta repartition, so new counters go at the end. */
    ANONYMOUS_UNIQUE_OPENS("anonymousUniqueOpens");

    private final String field;

    Counter(final String field) {
        this.field = field;
    }

    /** The counter of machine hits of {@code hitClass}, or null for the human classes. */
    public static Counter machineHits(final HitClass hitClass) {
        return switch (hitClass) {
            case APPLE_MPP -> APPLE_MPP_HITS;
            case SECURITY_SCANNER -> SECURITY_SCANNER_HITS;
            case UNKNOWN -> UNKNOWN_HITS;
            case HUMAN, IMAGE_PROXY_HUMAN -> null;
        };
    }

    /** The CampaignStats field this counter is. */
    public String field() {
        return field;
    }
}
