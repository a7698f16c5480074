package io.pixelgate.edge.kafka;

/** Why a record the edge accepted never reached Kafka; each is counted, none is silent. */
public enum DropReason {
    /** The buffer was full (Kafka slow or down for long): the request was answered, the record not kept. */
    OVERFLOW("overflow"),
    /** The edge stopped before Kafka acknowledged it. */
    SHUTDOWN("shutdown"),
    /** Kafka refused it for good (e.g. too large, not authorised), or it could not be encoded. */
    ERROR("error");

    private final String tag;

    DropReason(final String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
