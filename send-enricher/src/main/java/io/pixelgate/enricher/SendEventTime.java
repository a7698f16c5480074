package io.pixelgate.enricher;

import io.pixelgate.events.SendRequest;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Stamps each send with its event time, {@code requestedAt}: the timestamp travels through the
 * repartition topic, and the versioned consent table is looked up as of it. A send requested for
 * the future (a scheduled send) is stamped now instead: its consent after now is not known yet, and
 * the broker refuses records stamped more than an hour ahead. Its grant's expiry is still judged at
 * {@code requestedAt} by the decision.
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
        context.forward(record.withTimestamp(Math.min(requestedAt, context.currentSystemTimeMs())));
    }
}
