package io.pixelgate.enricher;

import io.pixelgate.events.SendRequest;
import io.pixelgate.schemas.serde.InvalidInputException;

/**
 * The rules of SPEC.md section 2 for send requests that a schema cannot say. Identifiers are
 * non-blank and at most {@value #MAX_ID_LENGTH} characters (they travel inside every token, and a
 * token has a size limit); {@code requestedAt} is not before 1970. A blank variant means none.
 */
public final class SendRequestValidator {

    /** The longest identifier accepted, in characters. */
    public static final int MAX_ID_LENGTH = 128;

    private SendRequestValidator() {
    }

    /** The request, its blank variant made null; throws {@link InvalidInputException} naming the field and rule. */
    public static SendRequest validate(final SendRequest send) {
        requireId("messageId", send.getMessageId());
        requireId("profileId", send.getProfileId());
        requireId("campaignId", send.getCampaignId());
        requireId("projectId", send.getProjectId());
        if (send.getVariant() != null && send.getVariant().length() > MAX_ID_LENGTH) {
            throw InvalidInputException.field("variant", "must be at most " + MAX_ID_LENGTH + " characters");
        }
        if (send.getRequestedAt().toEpochMilli() < 0) {
            throw InvalidInputException.field("requestedAt", "must not be before 1970-01-01T00:00:00Z");
        }
        if (send.getVariant() != null && send.getVariant().isBlank()) {
            send.setVariant(null);
        }
        return send;
    }

    private static void requireId(final String field, final String value) {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.field(field, "must not be blank");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw InvalidInputException.field(field, "must be at most " + MAX_ID_LENGTH + " characters");
        }
    }
}
