package io.pixelgate.edge.kafka;

/** A lane of the publisher is full: Kafka has been slow or down for a while. */
public final class BufferFullException extends RuntimeException {

    public BufferFullException(final Lane lane, final LaneLimits limits, final DropReason reason) {
        super("the edge's Kafka buffer for " + lane.tag() + " is full ("
                + (reason == DropReason.OVERFLOW_BYTES ? limits.bytes() + " bytes" : limits.records() + " records")
                + " not yet acknowledged); check that Kafka is up, or raise "
                + (reason == DropReason.OVERFLOW_BYTES ? limits.bytesSetting() : limits.recordsSetting()));
    }
}
