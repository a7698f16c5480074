package io.pixelgate.aggregator;

import io.pixelgate.aggregator.campaign.CampaignDelta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
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
     * The sums this instance put since its last flush, as they were put. The store's cache keeps
     * them encoded, and decoding a sum back at every hit was 5% of a hit (issue 13). The store stays
     * the truth: a key missing here is read from it (a sum restored after a restart). Only this
     * instance writes and flushes the store, and a task that is reset (an aborted transaction, a
     * migration) is initialised again, which makes a new instance and {@link #close closes} this one.
     */
    private final Map<String, CampaignDelta> written = new HashMap<>();
    private final Cancellable flushes;

    /**
     * Sums into store {@code storeName} and forwards the sums every {@code flushInterval} to the
     * processor's child {@code child}.
     */
    PendingDeltas(final ProcessorContext<String, byte[]> context, final String storeName,
                  final Duration flushInterval, final String child) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
        this.child = child;
        this.flushes = context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    /**
     * Stops the flushes; the processor's {@code close} must call it. Kafka Streams (4.3) keeps a
     * task's punctuators when it closes the task dirty and revives it (after a TaskCorruptedException),
     * so without this the old instance would go on flushing the store behind the new one's back, and
     * the new one would add its next hit to a sum already forwarded: counted twice.
     */
    void close() {
        flushes.cancel();
    }

    void add(final CampaignDelta delta) {
        CampaignDelta sum = written.get(delta.key());
        if (sum == null) {
            sum = pending.get(delta.key());
        }
        final CampaignDelta next = sum == null ? delta : sum.plus(delta);
        written.put(delta.key(), next);
        pending.put(delta.key(), next);
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
        written.clear();
    }
}
