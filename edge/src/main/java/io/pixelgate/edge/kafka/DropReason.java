package io.pixelgate.edge.kafka;

/** Why a record the edge accepted never reached Kafka; each is counted, none is silent. */
public enum DropReason {
    /** Its lane held as many records as allowed (Kafka slow or down for long): the request was answered, the record not kept. */
    OVERFLOW("overflow"),
    /** Its lane held as many bytes as allowed (large hits while Kafka is slow or down). */
    OVERFLOW_BYTES("overflow-bytes"),
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
