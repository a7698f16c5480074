package io.pixelgate.aggregator;

import io.pixelgate.aggregator.count.CampaignDelta;
import io.pixelgate.events.LastOpen;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.events.PurgeRecord;

/**
 * What the profile-side processors emit; the topology routes each kind to its topic. Keyed by
 * campaign for deltas, by profile for the others.
 */
sealed interface ProfileOutput {

    /** Campaign counter increments, on their way to the campaign-stats aggregation. */
    record Delta(CampaignDelta delta) implements ProfileOutput {
    }

    /** A new engagement record, or null: the tombstone that withdraws it. */
    record Engagement(ProfileEngagement record) implements ProfileOutput {
    }

    /** A later last-open date. */
    record Opened(LastOpen lastOpen) implements ProfileOutput {
    }

    /** What a purge removed. */
    record Purged(PurgeRecord purge) implements ProfileOutput {
    }
}
