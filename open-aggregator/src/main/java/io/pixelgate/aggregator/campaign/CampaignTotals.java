package io.pixelgate.aggregator.campaign;

import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.TrackedSend;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** Campaign-stats records as running sums of {@link CampaignDelta}s. */
public final class CampaignTotals {

    private static final int[] POSITIONS = positions();

    private CampaignTotals() {
    }

    /** The aggregate before any delta: every counter zero. */
    public static CampaignStats empty() {
        return CampaignStats.newBuilder().setCampaignId("").setHitReasons(new HashMap<>()).setUpdatedAt(Instant.EPOCH)
                .build();
    }

    /**
     * {@code total} plus {@code delta}, as a new record. Sums commute, so the order in which deltas
     * from different partitions arrive does not matter; updatedAt is the latest event seen.
     */
    public static CampaignStats add(final CampaignStats total, final CampaignDelta delta) {
        final CampaignStats sum = CampaignStats.newBuilder(total)
                .setCampaignId(delta.campaignId())
                .setVariant(delta.variant())
                .setUpdatedAt(Instant.ofEpochMilli(Math.max(total.getUpdatedAt().toEpochMilli(), delta.at())))
                .build();
        for (final Counter counter : Counter.values()) {
            final long increment = delta.get(counter);
            if (increment != 0) {
                final int position = POSITIONS[counter.ordinal()];
                sum.put(position, (Long) sum.get(position) + increment);
            }
        }
        sum.setHitReasons(addReasons(total.getHitReasons(), delta));
        sum.setEstimatedHumanOpenRate(estimatedHumanOpenRate(sum));
        return sum;
    }

    /**
     * Unique human opens over the personal sends whose opens could be measured: those not opened
     * only by Apple's proxy (which fetches whether the person reads or not). Null while no send
     * could be measured.
     */
    public static Double estimatedHumanOpenRate(final CampaignStats stats) {
        final long measurable = stats.getSentPersonal() - stats.getAppleMppOnlyMessages();
        return measurable <= 0 ? null : Math.min(1.0, stats.getUniqueHumanOpens() / (double) measurable);
    }

    private static Map<String, Long> addReasons(final Map<String, Long> before, final CampaignDelta delta) {
        Map<String, Long> reasons = null;
        for (int slot = 0; slot < CampaignDelta.REASON_SLOTS; slot++) {
            final long increment = delta.reasonCount(slot);
            if (increment != 0) {
                reasons = reasons == null ? new HashMap<>(before) : reasons;
                final long count = reasons.getOrDefault(CampaignDelta.reasonKey(slot), 0L) + increment;
                if (count == 0) {
                    reasons.remove(CampaignDelta.reasonKey(slot));
                } else {
                    reasons.put(CampaignDelta.reasonKey(slot), count);
                }
            }
        }
        return reasons == null ? before : reasons;
    }

    /** The sent counters for one tracked send: {@code sent} and the one of its mode. */
    public static CampaignDelta sent(final TrackedSend send) {
        final CampaignDelta.Builder delta = CampaignDelta.builder(send.getCampaignId(), send.getVariant(),
                send.getDecidedAt().toEpochMilli()).add(Counter.SENT);
        switch (send.getTrackingMode()) {
            case PERSONAL -> delta.add(Counter.SENT_PERSONAL);
            case ANONYMOUS -> delta.add(Counter.SENT_ANONYMOUS);
            case DELIVERABILITY -> delta.add(Counter.SENT_DELIVERABILITY);
            case NONE -> delta.add(Counter.SENT_NONE);
            default -> throw new IllegalArgumentException("unknown tracking mode " + send.getTrackingMode());
        }
        return delta.build();
    }

    private static int[] positions() {
        final Counter[] counters = Counter.values();
        final int[] positions = new int[counters.length];
        for (final Counter counter : counters) {
            final Schema.Field field = CampaignStats.getClassSchema().getField(counter.field());
            if (field == null) {
                throw new IllegalStateException("CampaignStats has no field " + counter.field()
                        + "; the schemas module on the class path is older than this aggregator");
            }
            positions[counter.ordinal()] = field.pos();
        }
        return positions;
    }
}
