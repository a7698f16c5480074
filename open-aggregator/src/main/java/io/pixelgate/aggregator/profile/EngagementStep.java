package io.pixelgate.aggregator.profile;

/**
 * What one attributed hit changes in its profile's engagement record.
 *
 * @param at               epoch millis of the hit
 * @param opens            1 for an open hit
 * @param humanOpens       1 for an open hit classified human
 * @param clicks           1 for a click hit
 * @param messageOpened    the hit is the first open (seen or implied by a click) of its message
 * @param opened           the hit is or implies an open, so it moves first and last open
 * @param weight           what it adds to the score at {@code at}
 * @param withdrawnWeight  score to take back, as of {@code withdrawnAt}: human clicks of a burst
 *                         that turned out to be a scanner's
 * @param withdrawnAt      epoch millis the withdrawn weight was added at
 */
public record EngagementStep(long at, int opens, int humanOpens, int clicks, boolean messageOpened, boolean opened,
                             double weight, double withdrawnWeight, long withdrawnAt) {
}
