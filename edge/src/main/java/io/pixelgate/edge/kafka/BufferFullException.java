package io.pixelgate.edge.kafka;

/** The publisher's buffer is full: Kafka has been slow or down for a while. */
public final class BufferFullException extends RuntimeException {

    public BufferFullException(final int capacity) {
        super("the edge's Kafka buffer is full (" + capacity + " records not yet acknowledged); "
                + "check that Kafka is up, or raise edge.buffer.capacity");
    }
}
