package io.pixelgate.edge.prefs;

import io.pixelgate.events.Purpose;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text of the preferences pages in one language, from one wording file. Its version is what
 * a consent change records as shown to the person, so a published file never changes: a new text
 * is a new file with a new name.
 *
 * @param version  {@code <name>.<language>}, e.g. {@code preferences-v1.fr}
 * @param language two-letter code
 * @param texts    every key of the file
 */
public record Wording(String version, String language, Map<String, String> texts) {

    /**
     * What a person is asked to consent to: every key an older version, named by a form that
     * showed it, must define to be recorded as shown.
     */
    public static final List<String> CONSENT_KEYS = consentKeys();
    /** Every key a wording file must define to be shown on new pages. */
    public static final List<String> REQUIRED_KEYS = requiredKeys();

    public Wording {
        texts = Map.copyOf(texts);
    }

    /** The text for {@code key}; every required key is present (checked when the file is read). */
    public String text(final String key) {
        final String text = texts.get(key);
        if (text == null) {
            throw new IllegalArgumentException("wording " + version + " has no key " + key);
        }
        return text;
    }

    public String purposeLabel(final Purpose purpose) {
        return text("purpose." + purpose.name() + ".label");
    }

    public String purposeText(final Purpose purpose) {
        return text("purpose." + purpose.name() + ".text");
    }

    private static List<String> consentKeys() {
        final List<String> keys = new ArrayList<>(List.of("page.title", "intro", "who.text", "what.text",
                "without.text", "devices.text", "accept.button", "refuse.button"));
        for (final Purpose purpose : Purpose.values()) {
            keys.add("purpose." + purpose.name() + ".label");
            keys.add("purpose." + purpose.name() + ".text");
        }
        return List.copyOf(keys);
    }

    private static List<String> requiredKeys() {
        final List<String> keys = new ArrayList<>(CONSENT_KEYS);
        keys.addAll(List.of("language.name", "who.title", "what.title", "why.title", "dependency.text",
                "needs.text", "withdraw.title", "withdraw.text", "withdraw.button", "confirm.title",
                "confirm.granted", "confirm.denied", "confirm.withdrawn", "confirm.devices", "back.link",
                "invalid.title", "invalid.text", "expired.title", "expired.text", "unavailable.title",
                "unavailable.text", "badform.title", "badform.text", "stale.title", "stale.text",
                "ratelimited.title", "ratelimited.text"));
        return List.copyOf(keys);
    }
}
