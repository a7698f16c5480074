package io.pixelgate.aggregator.profile;

import java.time.Duration;

/**
 * How the engagement score is built: each human open adds {@code openWeight} and each human click
 * {@code clickWeight}, and every contribution halves each {@code halfLife}. Machine hits add nothing.
 */
public record ScoreSettings(Duration halfLife, double openWeight, double clickWeight) {

    public ScoreSettings {
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("the score half-life must be positive, got " + halfLife);
        }
    }

    /** What {@code value}, as of {@code from}, is worth at {@code to}. */
    public double decay(final double value, final long fromMillis, final long toMillis) {
        return value * Math.pow(0.5, (double) (toMillis - fromMillis) / halfLife.toMillis());
    }
}
