package io.pixelgate.edge.prefs;

import io.pixelgate.events.Purpose;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a person chose on the preferences page. */
public sealed interface Decision {

    /** Accept exactly these purposes (the ones ticked); every other one is refused. None ticked is a refusal. */
    record Accept(Set<Purpose> purposes) implements Decision {
        public Accept {
            purposes = Set.copyOf(purposes);
        }
    }

    /** Refuse every purpose. */
    record Refuse() implements Decision {
    }

    /** Withdraw every purpose (the one-click form). */
    record WithdrawAll() implements Decision {
    }

    /**
     * Reads the decision form: {@code decision=accept} with {@code purpose} values, or
     * {@code decision=refuse}. Empty when the form is not one the page sends (an unknown decision
     * or purpose): nothing is recorded from a form that cannot be read.
     */
    static Optional<Decision> fromForm(final String decision, final List<String> purposes) {
        if ("refuse".equals(decision)) {
            return Optional.of(new Refuse());
        }
        if (!"accept".equals(decision)) {
            return Optional.empty();
        }
        final Set<Purpose> accepted = EnumSet.noneOf(Purpose.class);
        for (final String name : purposes) {
            final Optional<Purpose> purpose = Arrays.stream(Purpose.values()).filter(p -> p.name().equals(name)).findFirst();
            if (purpose.isEmpty()) {
                return Optional.empty();
            }
            accepted.add(purpose.get());
        }
        return Optional.of(new Accept(accepted));
    }
}
