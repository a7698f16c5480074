package io.pixelgate.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.aggregator.campaign.CampaignDelta;
import io.pixelgate.aggregator.campaign.Counter;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A task that Kafka Streams closes dirty and revives (a TaskCorruptedException, say after a broker
 * fault) keeps its punctuators, and its processors are initialised again. Each {@link PendingDeltas}
 * must then stop the flushes it scheduled, or the old instance flushes the store behind the new
 * one's back and the new one adds its next delta to a sum already forwarded.
 */
class PendingDeltasRevivalTest {

    private static final String STORE = AggregatorStores.PENDING_SENT_DELTAS;
    private static final String CHILD = "deltas";

    @Test
    void aRevivedTaskForwardsEveryDeltaOnceWhicheverPunctuatorFiresFirst() {
        final MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
        final KeyValueStore<String, CampaignDelta> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STORE), Serdes.String(), new CampaignDeltaSerde())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        final SumDeltas sum = new SumDeltas(STORE, Duration.ofSeconds(1), CHILD);

        sum.init(context);
        sum.process(record(1));
        // the revival: Kafka Streams closes the processor and initialises it again, keeping the
        // punctuators it had (the store keeps the sum, as a restore from its changelog would)
        sum.close();
        sum.init(context);
        sum.process(record(2));
        fireOldestLive(context);
        sum.process(record(4));
        live(context).forEach(punctuator -> punctuator.getPunctuator().punctuate(0));

        final long forwarded = context.forwarded().stream()
                .mapToLong(forward -> CampaignDeltaSerde.decode(forward.record().value()).get(Counter.SENT))
                .sum();
        assertThat(forwarded).isEqualTo(1 + 2 + 4);
        assertThat(live(context)).hasSize(1);
    }

    private static Record<String, CampaignDelta> record(final long sent) {
        final CampaignDelta delta = CampaignDelta.builder("summer", "B", 0).add(Counter.SENT, sent).build();
        return new Record<>(delta.key(), delta, 0);
    }

    private static void fireOldestLive(final MockProcessorContext<String, byte[]> context) {
        live(context).get(0).getPunctuator().punctuate(0);
    }

    private static List<CapturedPunctuator> live(final MockProcessorContext<String, byte[]> context) {
        return context.scheduledPunctuators().stream().filter(punctuator -> !punctuator.cancelled()).toList();
    }
}
