package io.pixelgate.consent;

import io.pixelgate.events.ErasureRequest;
import io.pixelgate.schemas.serde.InvalidInputException;

/** The rules of SPEC.md section 2 for an erasure request that a schema cannot say: non-blank identifiers. */
public final class ErasureValidator {

    private ErasureValidator() {
    }

    /** Returns {@code request} when valid; throws {@link InvalidInputException} naming the field and rule. */
    public static ErasureRequest validate(final ErasureRequest request) {
        ConsentValidator.requireText("requestId", request.getRequestId());
        ConsentValidator.requireText("profileId", request.getProfileId());
        ConsentValidator.requireText("source", request.getSource());
        return request;
    }
}
