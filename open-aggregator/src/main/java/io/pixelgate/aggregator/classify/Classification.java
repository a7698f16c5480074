package io.pixelgate.aggregator.classify;

import java.util.Objects;

/**
 * The class of a hit and why: the rule that matched and what it matched on (a network label, the
 * user-agent pattern, the delay after the send), so that every count can be explained.
 *
 * @param hitClass the class
 * @param reason   the rule that decided it
 * @param evidence what the rule matched, e.g. {@code network=apple-mpp} or {@code agent~mimecast}
 */
public record Classification(HitClass hitClass, Reason reason, String evidence) {

    public Classification {
        Objects.requireNonNull(hitClass, "hitClass");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(evidence, "evidence");
    }

    public boolean human() {
        return hitClass.human();
    }
}
