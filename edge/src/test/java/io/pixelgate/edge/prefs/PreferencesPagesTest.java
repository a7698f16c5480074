package io.pixelgate.edge.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PreferencesPagesTest {

    private final WordingCatalog catalog = WordingCatalog.load(Optional.empty(), "preferences-v2", List.of("en", "fr"));

    @Test
    void thePageOffersOneUntickedBoxPerPurposeAndTwoButtonsOfEqualWeight() {
        final String html = PreferencesPages.page(catalog.current("en"), "TOKEN", "FIELD", List.of(catalog.current("fr")));

        assertThat(Pattern.compile("type=\"checkbox\"").matcher(html).results().count()).isEqualTo(Purpose.values().length);
        assertThat(html).doesNotContain("checked");
        assertThat(html).contains("<button type=\"submit\" name=\"decision\" value=\"accept\" class=\"choice\"")
                .contains("<button type=\"submit\" name=\"decision\" value=\"refuse\" class=\"choice\"");
        assertThat(html).contains("action=\"/p/TOKEN\"").contains("action=\"/p/TOKEN/withdraw\"")
                .contains("name=\"wording\" value=\"preferences-v2.en\"").contains("name=\"csrf\" value=\"FIELD\"");
        assertThat(html).contains("Who places the pixel").contains("What the pixel collects").contains("every device")
                .contains("href=\"/p/TOKEN?lang=fr\"");
        assertThat(html).doesNotContain("<script").doesNotContain("email\"").doesNotContain("type=\"email\"");
    }

    @Test
    void everyTextIsEscaped() {
        final Map<String, String> texts = new HashMap<>(catalog.current("en").texts());
        texts.put("intro", "<script>alert('x')</script> & \"quotes\"");
        final Wording hostile = new Wording("preferences-v2.en", "en", texts);

        final String html = PreferencesPages.page(hostile, "T\"><b>", "F", List.of());

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
                .doesNotContain("T\"><b>");
    }

    @Test
    void theConfirmationTellsEachPurposesStatus() {
        final Map<Purpose, ConsentStatus> outcome = Map.of(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED,
                Purpose.ENGAGEMENT_PROFILING, ConsentStatus.GRANTED, Purpose.CROSS_CHANNEL, ConsentStatus.DENIED);

        final String html = PreferencesPages.confirmation(catalog.current("fr"), "TOKEN", outcome);

        assertThat(html).contains("Votre choix est enregistré")
                .contains("data-purpose=\"ENGAGEMENT_PROFILING\" data-status=\"GRANTED\"")
                .contains("data-purpose=\"CROSS_CHANNEL\" data-status=\"DENIED\"")
                .contains("tous vos appareils");
    }

    @Test
    void thePageShownAgainKeepsWhatWasTickedAndSaysWhatIsMissing() {
        final String html = PreferencesPages.pageAgain(catalog.current("fr"), "TOKEN", "FIELD", List.of(),
                Set.of(Purpose.ENGAGEMENT_PROFILING, Purpose.CROSS_CHANNEL),
                Map.of(Purpose.ENGAGEMENT_PROFILING, Purpose.OPEN_MEASUREMENT));

        assertThat(html).contains("id=\"purpose-ENGAGEMENT_PROFILING\" checked>").contains("id=\"purpose-CROSS_CHANNEL\" checked>")
                .contains("id=\"purpose-OPEN_MEASUREMENT\">")
                .contains("« Profil d&#39;engagement » a besoin de « Mesure des ouvertures » : cochez aussi")
                .contains("Rien n&#39;a été enregistré")
                .contains("name=\"csrf\" value=\"FIELD\"");
    }

    @Test
    void theContentSecurityPolicyAllowsOnlyThePagesOwnStyleAndForms() {
        assertThat(PreferencesPages.CONTENT_SECURITY_POLICY).startsWith("default-src 'none'; style-src 'sha256-")
                .contains("form-action 'self'").contains("frame-ancestors 'none'");
    }
}
