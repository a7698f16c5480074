package io.pixelgate.aggregator;

import io.pixelgate.aggregator.count.CampaignDelta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums a task's campaign deltas per campaign key and forwards the sums every flush interval, so
 * that the repartition by campaign carries one record per campaign per interval rather than one
 * per hit (it was most of the aggregator's cost).
 *
 * <p>Exactly-once holds because the sums live in a changelogged store: the input offsets of the
 * hits summed and the store's content commit in one transaction, and a flush forwards a sum and
 * deletes it in one transaction too. After a crash the restored store still holds every sum not yet
 * forwarded.
 */
final class DeltaBuffer implements Processor<String, CampaignDelta, String, CampaignDelta> {

    private final String storeName;
    private final Duration flushInterval;
    private ProcessorContext<String, CampaignDelta> context;
    private KeyValueStore<String, CampaignDelta> pending;

    DeltaBuffer(final String storeName, final Duration flushInterval) {
        this.storeName = storeName;
        this.flushInterval = flushInterval;
    }

    @Override
    public void init(final ProcessorContext<String, CampaignDelta> context) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(final Record<String, CampaignDelta> record) {
        final CampaignDelta sum = pending.get(record.key());
        pending.put(record.key(), sum == null ? record.value() : sum.plus(record.value()));
    }

    private void flush() {
        final List<KeyValue<String, CampaignDelta>> sums = new ArrayList<>();
        try (KeyValueIterator<String, CampaignDelta> all = pending.all()) {
            all.forEachRemaining(sums::add);
        }
        for (final KeyValue<String, CampaignDelta> sum : sums) {
            context.forward(new Record<>(sum.key, sum.value, sum.value.at()));
            pending.delete(sum.key);
        }
    }
}
