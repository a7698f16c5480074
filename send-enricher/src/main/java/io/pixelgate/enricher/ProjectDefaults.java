package io.pixelgate.enricher;

import io.pixelgate.events.ProjectSettings;

/** A project without a settings record gets the defaults of SPEC.md section 2. */
public final class ProjectDefaults {

    private ProjectDefaults() {
    }

    /**
     * {@code settings}, or the defaults when null: policy CONSENT_REQUIRED, anonymous statistics,
     * deliverability and click tracking allowed, the edge's own URL.
     */
    public static ProjectSettings orDefaults(final ProjectSettings settings) {
        return settings != null ? settings : ProjectSettings.newBuilder().build();
    }
}
