package io.pixelgate.enricher;

import io.pixelgate.events.SendRequest;
import io.pixelgate.schemas.serde.InvalidInputException;

/**
 * The rules of SPEC.md section 2 for send requests that a schema cannot say: identifiers are not
 * blank (their lengths and {@code requestedAt}'s range are input limits, checked before this). A
 * blank variant means none.
 */
public final class SendRequestValidator {

    private SendRequestValidator() {
    }

    /** The request, its blank variant made null; throws {@link InvalidInputException} naming the field and rule. */
    public static SendRequest validate(final SendRequest send) {
        requireId("messageId", send.getMessageId());
        requireId("profileId", send.getProfileId());
        requireId("campaignId", send.getCampaignId());
        requireId("projectId", send.getProjectId());
        if (send.getVariant() != null && send.getVariant().isBlank()) {
            send.setVariant(null);
        }
        return send;
    }

    private static void requireId(final String field, final String value) {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.field(field, "must not be blank");
        }
    }
}
