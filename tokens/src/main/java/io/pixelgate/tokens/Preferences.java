package io.pixelgate.tokens;

import java.util.Objects;

/**
 * The tracking-preferences page of one recipient ({@code /p/{token}}). It never expires: a person
 * must be able to withdraw consent from any email they ever received.
 */
public record Preferences(String profileId, String projectId) implements Claims {

    public Preferences {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(projectId, "projectId");
    }
}
