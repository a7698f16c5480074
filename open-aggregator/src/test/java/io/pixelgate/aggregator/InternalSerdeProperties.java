package io.pixelgate.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.aggregator.count.CampaignDelta;
import io.pixelgate.aggregator.count.Counter;
import io.pixelgate.aggregator.count.MessageState;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The aggregator's own store and repartition formats read back what they wrote. */
class InternalSerdeProperties {

    @Property(tries = 300)
    void campaignDeltaRoundTrips(@ForAll("deltas") final CampaignDelta delta) {
        assertThat(CampaignDeltaSerde.decode(CampaignDeltaSerde.encode(delta))).isEqualTo(delta);
    }

    @Property(tries = 300)
    void messageStateRoundTrips(@ForAll final byte flags, @ForAll final long burstStartAt, @ForAll final long burstLinks,
                                @ForAll final int burstHumanClicks) {
        final MessageState state = burstLinks == 0 ? new MessageState(flags & 0x7f, 0, 0, 0)
                : new MessageState(flags & 0x7f, burstStartAt, burstLinks, burstHumanClicks);
        assertThat(MessageStateSerde.decode(MessageStateSerde.encode(state))).isEqualTo(state);
    }

    @Provide
    Arbitrary<CampaignDelta> deltas() {
        final Arbitrary<String> ids = Arbitraries.strings().ofMaxLength(40);
        final Arbitrary<List<Long>> counts = Arbitraries.longs().list().ofSize(Counter.values().length);
        return Combinators.combine(ids, ids.injectNull(0.3), Arbitraries.longs(), counts)
                .as((campaign, variant, at, values) -> {
                    final CampaignDelta.Builder builder = CampaignDelta.builder(campaign, variant, at);
                    for (final Counter counter : Counter.values()) {
                        builder.add(counter, values.get(counter.ordinal()));
                    }
                    return builder.build();
                });
    }
}
