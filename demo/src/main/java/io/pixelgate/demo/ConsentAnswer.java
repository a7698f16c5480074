package io.pixelgate.demo;

import io.pixelgate.events.Purpose;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What a person answers when asked for tracking consent, if ever.
 *
 * @param kind     grant, deny, or never answer
 * @param purposes the purposes granted (GRANT) or denied (DENY); empty for NEVER
 */
public record ConsentAnswer(Kind kind, Set<Purpose> purposes) {

    /** The three kinds of answer. */
    public enum Kind { GRANT, DENY, NEVER }

    /** Share of people who grant open measurement. */
    public static final double GRANT_SHARE = 0.45;
    /** Share of people who refuse. */
    public static final double DENY_SHARE = 0.20;
    /** Among those who grant open measurement, the share who also grant engagement profiling. */
    public static final double PROFILING_SHARE = 0.60;
    /** Among those who grant open measurement, the share who also grant cross-channel use. */
    public static final double CROSS_CHANNEL_SHARE = 0.30;

    public ConsentAnswer {
        Objects.requireNonNull(kind, "kind");
        purposes = purposes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(purposes));
        if ((kind == Kind.NEVER) != purposes.isEmpty()) {
            throw new IllegalArgumentException(kind + " with purposes " + purposes);
        }
    }

    /**
     * A realistic answer: {@value #GRANT_SHARE} grant open measurement (and of those
     * {@value #PROFILING_SHARE} also engagement profiling, {@value #CROSS_CHANNEL_SHARE} also
     * cross-channel), {@value #DENY_SHARE} refuse every purpose, the rest never answer.
     */
    public static ConsentAnswer draw(final RandomGenerator random) {
        final double draw = random.nextDouble();
        if (draw < GRANT_SHARE) {
            final Set<Purpose> purposes = EnumSet.of(Purpose.OPEN_MEASUREMENT);
            if (random.nextDouble() < PROFILING_SHARE) {
                purposes.add(Purpose.ENGAGEMENT_PROFILING);
            }
            if (random.nextDouble() < CROSS_CHANNEL_SHARE) {
                purposes.add(Purpose.CROSS_CHANNEL);
            }
            return new ConsentAnswer(Kind.GRANT, purposes);
        }
        if (draw < GRANT_SHARE + DENY_SHARE) {
            return new ConsentAnswer(Kind.DENY, EnumSet.allOf(Purpose.class));
        }
        return new ConsentAnswer(Kind.NEVER, Set.of());
    }
}
