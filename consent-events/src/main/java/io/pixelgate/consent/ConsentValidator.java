package io.pixelgate.consent;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.schemas.serde.InvalidInputException;

/**
 * The rules of SPEC.md section 2 that a schema cannot say: non-blank identifiers, at least one
 * purpose, and a wording version on every grant (a grant without the wording shown is no grant).
 */
public final class ConsentValidator {

    private ConsentValidator() {
    }

    /** Returns {@code change} when valid; throws {@link InvalidInputException} naming the field and rule. */
    public static ConsentChange validate(final ConsentChange change) {
        requireText("eventId", change.getEventId());
        requireText("profileId", change.getProfileId());
        requireText("source", change.getSource());
        if (change.getPurposes().isEmpty()) {
            throw InvalidInputException.field("purposes", "must name at least one purpose");
        }
        if (change.getStatus() == ConsentStatus.GRANTED
                && (change.getWordingVersion() == null || change.getWordingVersion().isBlank())) {
            throw InvalidInputException.field("wordingVersion", "required when status is GRANTED");
        }
        return change;
    }

    static void requireText(final String field, final String value) {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.field(field, "must not be blank");
        }
    }
}
