package io.pixelgate.enricher;

import io.pixelgate.events.SendRequest;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Stamps each send with its event time: {@code requestedAt}, or when the cluster received the
 * request if that was earlier (SPEC.md section 1: no event is ordered later than its arrival; a
 * request for the future, a scheduled send, is judged by the consent known when it arrived). The
 * timestamp travels through the repartition topic, and the versioned consent table is looked up as
 * of it. Both times are in the record, so reprocessing decides the same. Its grant's expiry is
 * still judged at {@code requestedAt} by the decision.
 */
final class SendEventTime implements FixedKeyProcessor<String, SendRequest, SendRequest> {

    private FixedKeyProcessorContext<String, SendRequest> context;

    @Override
    public void init(final FixedKeyProcessorContext<String, SendRequest> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<String, SendRequest> record) {
        final long requestedAt = record.value().getRequestedAt().toEpochMilli();
        context.forward(record.withTimestamp(Math.min(requestedAt, record.timestamp())));
    }
}
