package io.pixelgate.aggregator.profile;

/**
 * What the aggregator holds for one profile, per purpose.
 *
 * @param messages     per-message entries (OPEN_MEASUREMENT)
 * @param engagement   an engagement record (ENGAGEMENT_PROFILING)
 * @param crossChannel an engagement record marked for other channels (CROSS_CHANNEL)
 */
public record Holdings(boolean messages, boolean engagement, boolean crossChannel) {
}
