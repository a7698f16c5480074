package io.pixelgate.edge.kafka;

/** What happens to each record the publisher was given; called from any thread. */
public interface PublisherListener {

    void sent(RecordType type);

    void dropped(RecordType type, DropReason reason);
}
