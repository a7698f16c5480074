package io.pixelgate.aggregator.classify;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The class of a hit and the signals that decided it, as codes, so that every count can be
 * explained and a rule corrected.
 *
 * @param hitClass the class
 * @param reasons  every signal pointing to that class, never empty
 */
public record Verdict(HitClass hitClass, Set<Reason> reasons) {

    public Verdict {
        Objects.requireNonNull(hitClass, "hitClass");
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one reason");
        }
        reasons = Collections.unmodifiableSet(EnumSet.copyOf(reasons));
    }

    public static Verdict of(final HitClass hitClass, final Reason first, final Reason... more) {
        return new Verdict(hitClass, EnumSet.of(first, more));
    }

    public boolean human() {
        return hitClass.human();
    }
}
