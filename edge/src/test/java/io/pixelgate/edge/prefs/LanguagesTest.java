package io.pixelgate.edge.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguagesTest {

    private static final List<String> SUPPORTED = List.of("en", "fr");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL | en",
        "'' | en",
        "fr | fr",
        "fr-FR,fr;q=0.9,en;q=0.8 | fr",
        "fr-CA | fr",
        "de-DE,de;q=0.9,fr;q=0.5,en;q=0.4 | fr",
        "en;q=0.4,fr;q=0.6 | fr",
        "de, it | en",
        "* | en",
        "fr;q=0 | en",
        "fr;q=abc,en | en",
        "EN-gb | en",
    })
    void picksTheMostPreferredSupportedLanguageElseTheDefault(final String header, final String expected) {
        assertThat(Languages.negotiate(header, SUPPORTED)).isEqualTo(expected);
    }
}
