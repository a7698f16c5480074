package io.pixelgate.aggregator.count;

import io.pixelgate.tokens.CampaignIdentity;
import java.util.Arrays;
import java.util.Objects;

/**
 * Increments to one campaign's counters, from one hit or one send. Deltas are summed by the
 * campaign-stats aggregation; a negative increment is a correction (a click first counted human,
 * found later to belong to a scanner's link burst).
 */
public final class CampaignDelta {

    private final String campaignId;
    private final String variant;
    private final long at;
    private final long[] counts;

    private CampaignDelta(final String campaignId, final String variant, final long at, final long[] counts) {
        this.campaignId = Objects.requireNonNull(campaignId, "campaignId");
        this.variant = variant;
        this.at = at;
        this.counts = counts;
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

    /** The sum of these increments and {@code other}'s, for the same campaign key; the later time. */
    public CampaignDelta plus(final CampaignDelta other) {
        if (!key().equals(other.key())) {
            throw new IllegalArgumentException("cannot add deltas of " + key() + " and " + other.key());
        }
        final long[] sum = counts.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.counts[i];
        }
        return new CampaignDelta(campaignId, variant, Math.max(at, other.at), sum);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof CampaignDelta that && at == that.at && campaignId.equals(that.campaignId)
                && Objects.equals(variant, that.variant) && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(campaignId, variant, at, Arrays.hashCode(counts));
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder("CampaignDelta[").append(key()).append(" at ").append(at);
        for (final Counter counter : Counter.values()) {
            if (get(counter) != 0) {
                text.append(", ").append(counter.field()).append('=').append(get(counter));
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

        public CampaignDelta build() {
            return new CampaignDelta(campaignId, variant, at, counts.clone());
        }
    }
}
