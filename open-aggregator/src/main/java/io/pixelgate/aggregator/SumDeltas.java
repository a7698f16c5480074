package io.pixelgate.aggregator;

import io.pixelgate.aggregator.campaign.CampaignDelta;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Sums the campaign deltas it is given, by campaign key, until the next flush ({@link PendingDeltas}). */
final class SumDeltas implements Processor<String, CampaignDelta, String, byte[]> {

    private final String storeName;
    private final Duration flushInterval;
    private final String child;
    private PendingDeltas pending;

    SumDeltas(final String storeName, final Duration flushInterval, final String child) {
        this.storeName = storeName;
        this.flushInterval = flushInterval;
        this.child = child;
    }

    @Override
    public void init(final ProcessorContext<String, byte[]> context) {
        this.pending = new PendingDeltas(context, storeName, flushInterval, child);
    }

    @Override
    public void process(final Record<String, CampaignDelta> record) {
        pending.add(record.value());
    }

    @Override
    public void close() {
        pending.close();
    }
}
