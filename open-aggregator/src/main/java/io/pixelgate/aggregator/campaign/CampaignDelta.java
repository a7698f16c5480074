package io.pixelgate.aggregator.campaign;

import io.pixelgate.aggregator.classify.HitClass;
import io.pixelgate.aggregator.classify.Reason;
import io.pixelgate.tokens.CampaignIdentity;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Increments to one campaign's counters, from one hit or one send. Deltas are summed by the
 * campaign-stats aggregation; a negative increment is a correction (a click first counted human,
 * found later to belong to a scanner's link burst).
 *
 * <p>Besides the counters it counts verdict reasons, one slot per class and reason
 * ({@link #reasonKey}) plus a row of corrections: how many hits a later signal took back, by the
 * signal that did.
 */
public final class CampaignDelta {

    private final String campaignId;
    private final String variant;
    private final long at;
    private final long[] counts;
    private final long[] reasons;

    /** Reason slots: one row per class, then the corrections row. */
    public static final int REASON_SLOTS = (HitClass.values().length + 1) * Reason.values().length;
    /** The key prefix of corrections in {@code hitReasons}. */
    public static final String CORRECTED = "CORRECTED";

    private CampaignDelta(final String campaignId, final String variant, final long at, final long[] counts,
                          final long[] reasons) {
        this.campaignId = Objects.requireNonNull(campaignId, "campaignId");
        this.variant = variant;
        this.at = at;
        this.counts = counts;
        this.reasons = reasons;
    }

    /** The slot of a class and reason; a null class is the corrections row. */
    public static int reasonSlot(final HitClass hitClass, final Reason reason) {
        final int row = hitClass == null ? HitClass.values().length : hitClass.ordinal();
        return row * Reason.values().length + reason.ordinal();
    }

    /** The {@code hitReasons} key of a slot: {@code CLASS/REASON}, or {@code CORRECTED/REASON}. */
    public static String reasonKey(final int slot) {
        final int row = slot / Reason.values().length;
        final Reason reason = Reason.values()[slot % Reason.values().length];
        return (row == HitClass.values().length ? CORRECTED : HitClass.values()[row].name()) + '/' + reason.name();
    }

    public static Builder builder(final CampaignIdentity campaign, final long at) {
        return new Builder(campaign.campaignId(), campaign.variant(), at);
    }

    public static Builder builder(final String campaignId, final String variant, final long at) {
        return new Builder(campaignId, variant, at);
    }

    /** The campaign-stats key these increments belong to. */
    public String key() {
        return CampaignKey.of(campaignId, variant);
    }

    public String campaignId() {
        return campaignId;
    }

    public String variant() {
        return variant;
    }

    /** Epoch millis of the event behind the increments (hit received, send decided). */
    public long at() {
        return at;
    }

    public long get(final Counter counter) {
        return counts[counter.ordinal()];
    }

    /** The count in a reason slot ({@link #reasonSlot}). */
    public long reasonCount(final int slot) {
        return reasons[slot];
    }

    /** The sum of these increments and {@code other}'s, for the same campaign key; the later time. */
    public CampaignDelta plus(final CampaignDelta other) {
        if (!key().equals(other.key())) {
            throw new IllegalArgumentException("cannot add deltas of " + key() + " and " + other.key());
        }
        return new CampaignDelta(campaignId, variant, Math.max(at, other.at), sum(counts, other.counts),
                sum(reasons, other.reasons));
    }

    private static long[] sum(final long[] left, final long[] right) {
        final long[] sum = left.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += right[i];
        }
        return sum;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof CampaignDelta that && at == that.at && campaignId.equals(that.campaignId)
                && Objects.equals(variant, that.variant) && Arrays.equals(counts, that.counts)
                && Arrays.equals(reasons, that.reasons);
    }

    @Override
    public int hashCode() {
        return Objects.hash(campaignId, variant, at, Arrays.hashCode(counts), Arrays.hashCode(reasons));
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder("CampaignDelta[").append(key()).append(" at ").append(at);
        for (final Counter counter : Counter.values()) {
            if (get(counter) != 0) {
                text.append(", ").append(counter.field()).append('=').append(get(counter));
            }
        }
        for (int slot = 0; slot < REASON_SLOTS; slot++) {
            if (reasons[slot] != 0) {
                text.append(", ").append(reasonKey(slot)).append('=').append(reasons[slot]);
            }
        }
        return text.append(']').toString();
    }

    /** Collects increments; {@link #build} copies them. */
    public static final class Builder {
        private final String campaignId;
        private final String variant;
        private final long at;
        private final long[] counts = new long[Counter.values().length];
        private final long[] reasons = new long[REASON_SLOTS];

        private Builder(final String campaignId, final String variant, final long at) {
            this.campaignId = campaignId;
            this.variant = variant;
            this.at = at;
        }

        public Builder add(final Counter counter) {
            return add(counter, 1);
        }

        public Builder add(final Counter counter, final long increment) {
            counts[counter.ordinal()] += increment;
            return this;
        }

        /** Counts each reason of a verdict of {@code hitClass} (null: corrections) by {@code increment}. */
        public Builder addReasons(final HitClass hitClass, final Set<Reason> verdictReasons, final long increment) {
            for (final Reason reason : verdictReasons) {
                reasons[reasonSlot(hitClass, reason)] += increment;
            }
            return this;
        }

        /** Adds {@code increment} to a reason slot ({@link #reasonSlot}). */
        public Builder addReasonSlot(final int slot, final long increment) {
            reasons[slot] += increment;
            return this;
        }

        public CampaignDelta build() {
            return new CampaignDelta(campaignId, variant, at, counts.clone(), reasons.clone());
        }
    }
}
