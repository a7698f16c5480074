package io.pixelgate.aggregator.message;

import io.pixelgate.aggregator.campaign.CampaignDelta;
import io.pixelgate.aggregator.classify.Verdict;
import io.pixelgate.aggregator.profile.EngagementStep;

/**
 * What one valid hit counts.
 *
 * @param verdict    its class and the reasons behind it
 * @param delta      the campaign counters it changes
 * @param message    its message's new state; null when the message is not tracked (no consent
 *                   to, or beyond the dedupe horizon)
 * @param engagement what it adds to the profile's engagement record; null when unattributed
 */
public record Counted(Verdict verdict, CampaignDelta delta, MessageState message, EngagementStep engagement) {
}
