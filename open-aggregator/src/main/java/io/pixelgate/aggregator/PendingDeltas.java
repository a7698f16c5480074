package io.pixelgate.aggregator;

import io.pixelgate.aggregator.campaign.CampaignDelta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's campaign deltas, summed per campaign key and forwarded every flush interval, so that the
 * repartition by campaign carries one record per campaign per interval rather than one per hit (it
 * was most of the aggregator's cost). The sums go out already in the repartition's format.
 *
 * <p>Exactly-once holds because the sums live in a changelogged store: the input offsets of the
 * records summed and the store's content commit in one transaction, and a flush forwards a sum and
 * deletes it in one transaction too. After a crash the restored store still holds every sum not yet
 * forwarded.
 */
final class PendingDeltas {

    private final ProcessorContext<String, byte[]> context;
    private final KeyValueStore<String, CampaignDelta> pending;
    private final String child;

    /**
     * Sums into store {@code storeName} and forwards the sums every {@code flushInterval} to the
     * processor's child {@code child}.
     */
    PendingDeltas(final ProcessorContext<String, byte[]> context, final String storeName,
                  final Duration flushInterval, final String child) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
        this.child = child;
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    void add(final CampaignDelta delta) {
        final CampaignDelta sum = pending.get(delta.key());
        pending.put(delta.key(), sum == null ? delta : sum.plus(delta));
    }

    private void flush() {
        final List<KeyValue<String, CampaignDelta>> sums = new ArrayList<>();
        try (KeyValueIterator<String, CampaignDelta> all = pending.all()) {
            all.forEachRemaining(sums::add);
        }
        for (final KeyValue<String, CampaignDelta> sum : sums) {
            context.forward(new Record<>(sum.key, CampaignDeltaSerde.encode(sum.value), sum.value.at()), child);
            pending.delete(sum.key);
        }
    }
}
