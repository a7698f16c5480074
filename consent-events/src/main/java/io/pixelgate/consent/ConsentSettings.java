package io.pixelgate.consent;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.Setting;
import java.util.List;

/** What consent-events reads of its own from the configuration: nothing yet beyond what every application reads. */
public record ConsentSettings() {

    /** Its own settings, in the order of the README's table. */
    public static final List<Setting<?>> SETTINGS = List.of();

    public static ConsentSettings from(final PixelgateConfig config) {
        return new ConsentSettings();
    }
}
