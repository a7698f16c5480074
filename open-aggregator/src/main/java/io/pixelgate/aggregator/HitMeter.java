package io.pixelgate.aggregator;

import io.pixelgate.events.HitKind;

/**
 * Told of every hit the aggregator counts, for the operations endpoint's
 * {@code pixelgate_hits_total{kind,class}}: the hit's class ({@code HUMAN}, {@code APPLE_MPP}, ...)
 * or {@value #REJECTED} for a token that does not verify.
 */
@FunctionalInterface
public interface HitMeter {

    String REJECTED = "REJECTED";

    /** Counts nothing (topology tests, benchmarks). */
    HitMeter NONE = (kind, hitClass) -> { };

    void counted(HitKind kind, String hitClass);
}
