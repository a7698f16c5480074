package io.pixelgate.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.aggregator.campaign.CampaignDelta;
import io.pixelgate.aggregator.campaign.Counter;
import io.pixelgate.aggregator.message.MessageState;
import java.nio.ByteBuffer;
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
    void messageStateRoundTrips(@ForAll final short flags, @ForAll final long burstStartAt, @ForAll final long burstLinks,
                                @ForAll final int burstHumanClicks, @ForAll final int burstSource,
                                @ForAll final long openAt, @ForAll final int openSource,
                                @ForAll final int honeypotSource) {
        // A part is stored only when its time (or the honeypot's source) is set; unset parts are all zero.
        final boolean burst = burstStartAt != 0;
        final MessageState state = new MessageState(flags & 0x7fff, burstStartAt, burst ? burstLinks : 0,
                burst ? burstHumanClicks : 0, burst ? burstSource : 0, openAt, openAt != 0 ? openSource : 0,
                honeypotSource);
        assertThat(MessageStateSerde.decode(MessageStateSerde.encode(state))).isEqualTo(state);
    }

    @Property(tries = 100)
    void messageStatesOfTheFirstFormatStillRead(@ForAll final byte flags, @ForAll final long burstStartAt,
                                                @ForAll final long burstLinks, @ForAll final int burstHumanClicks) {
        final byte[] version1 = ByteBuffer.allocate(22).put((byte) 1).put((byte) (flags & 0x7f))
                .putLong(burstStartAt).putLong(burstLinks).putInt(burstHumanClicks).array();
        assertThat(MessageStateSerde.decode(version1)).isEqualTo(new MessageState(flags & 0x7f, burstStartAt,
                burstLinks, burstHumanClicks, 0, 0, 0, 0));
        assertThat(MessageStateSerde.decode(new byte[] {1, (byte) (flags & 0x7f)}))
                .isEqualTo(new MessageState(flags & 0x7f, 0, 0, 0, 0, 0, 0, 0));
    }

    @Provide
    Arbitrary<CampaignDelta> deltas() {
        final Arbitrary<String> ids = Arbitraries.strings().ofMaxLength(40);
        final Arbitrary<List<Long>> counts = Arbitraries.longs().list().ofSize(Counter.values().length);
        final Arbitrary<List<Long>> reasons = Arbitraries.longs().between(-5, 5).list()
                .ofSize(CampaignDelta.REASON_SLOTS);
        return Combinators.combine(ids, ids.injectNull(0.3), Arbitraries.longs(), counts, reasons)
                .as((campaign, variant, at, values, slots) -> {
                    final CampaignDelta.Builder builder = CampaignDelta.builder(campaign, variant, at);
                    for (final Counter counter : Counter.values()) {
                        builder.add(counter, values.get(counter.ordinal()));
                    }
                    for (int slot = 0; slot < CampaignDelta.REASON_SLOTS; slot++) {
                        builder.addReasonSlot(slot, slots.get(slot));
                    }
                    return builder.build();
                });
    }
}
