package io.pixelgate.enricher;

import io.pixelgate.events.ProjectSettings;
import io.pixelgate.schemas.serde.InvalidInputException;

/**
 * The rule of project settings a schema cannot say: a {@code trackingBaseUrl}, when given, is an
 * absolute http(s) URL of at most {@value #MAX_BASE_URL_CHARS} characters (it starts every pixel,
 * link and preferences URL of the project's emails; an unusable one is refused rather than silently
 * replaced by the edge's URL).
 */
public final class ProjectSettingsValidator {

    /** The longest tracking base URL accepted: it is repeated in every tracked link of every email. */
    public static final int MAX_BASE_URL_CHARS = 200;

    private ProjectSettingsValidator() {
    }

    public static ProjectSettings validate(final ProjectSettings settings) {
        final String base = settings.getTrackingBaseUrl();
        if (base != null && !base.isBlank()) {
            if (!TrackingUrls.isUsableBase(base)) {
                throw InvalidInputException.field("trackingBaseUrl", "must be an absolute http:// or https:// URL, "
                        + "e.g. https://t.example.com");
            }
            if (base.length() > MAX_BASE_URL_CHARS) {
                throw InvalidInputException.field("trackingBaseUrl", base.length() + " characters, over the limit of "
                        + MAX_BASE_URL_CHARS);
            }
        }
        return settings;
    }
}
