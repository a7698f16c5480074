package io.pixelgate.edge.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordingCatalogTest {

    private final WordingCatalog catalog = WordingCatalog.load(Optional.empty(), "preferences-v2", List.of("en", "fr"));

    @Test
    void theBuiltInWordingHasEveryTextInBothLanguages() {
        final Wording english = catalog.current("en");
        final Wording french = catalog.current("fr");

        assertThat(english.version()).isEqualTo("preferences-v2.en");
        assertThat(french.version()).isEqualTo("preferences-v2.fr");
        assertThat(english.texts().keySet()).containsAll(Wording.REQUIRED_KEYS).isEqualTo(french.texts().keySet());
        assertThat(french.text("page.title")).isEqualTo("Vos préférences de suivi des e-mails");
    }

    @Test
    void publishedWordingFilesNeverChange() throws IOException, NoSuchAlgorithmException {
        // A consent change names the wording version shown; if its file changed, the ledger would
        // point at a text the person never saw. Edit by adding a new version, never in place.
        final String sums = resource("SHA256SUMS");
        for (final String line : sums.strip().split("\n")) {
            final String[] parts = line.split("\\s+");
            final byte[] file = resource(parts[1]).getBytes(StandardCharsets.UTF_8);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)))
                    .as(parts[1] + " was changed after publication: copy it to a new version instead").isEqualTo(parts[0]);
        }
        assertThat(sums).contains("preferences-v1.en.properties").contains("preferences-v1.fr.properties")
                .contains("preferences-v2.en.properties").contains("preferences-v2.fr.properties");
    }

    @Test
    void anOlderOrCurrentVersionIsFoundButNothingOutsideTheWordingFiles() {
        assertThat(catalog.byVersion("preferences-v1.fr")).hasValueSatisfying(w -> assertThat(w.language()).isEqualTo("fr"));
        assertThat(catalog.byVersion("preferences-v0.fr")).isEmpty();
        for (final String hostile : Set.of("../../etc/passwd", "preferences-v1", "x.en/../y.fr", "", "PREFERENCES-V1.FR")) {
            assertThat(catalog.byVersion(hostile)).as(hostile).isEmpty();
        }
        assertThat(catalog.byVersion(null)).isEmpty();
    }

    @Test
    void anInstallationsOwnDirectoryReplacesTheBuiltInWording(@TempDir final Path dir) throws IOException {
        final String english = resource("preferences-v2.en.properties").replace("Pixelgate demonstration sender", "Acme Ltd");
        Files.writeString(dir.resolve("acme-v1.en.properties"), english);

        final WordingCatalog acme = WordingCatalog.load(Optional.of(dir), "acme-v1", List.of("en"));

        assertThat(acme.current("en").version()).isEqualTo("acme-v1.en");
        assertThat(acme.current("en").text("who.text")).contains("Acme Ltd");
        assertThat(acme.byVersion("preferences-v1.en")).as("built-in files are not mixed in").isEmpty();
    }

    @Test
    void aVersionAskedForBeforeItsFileExistsIsFoundOnceItDoes(@TempDir final Path dir) throws IOException {
        // given a catalog, asked (as a posted form may) for a version it does not have
        final String english = resource("preferences-v2.en.properties");
        Files.writeString(dir.resolve("acme-v1.en.properties"), english);
        final WordingCatalog acme = WordingCatalog.load(Optional.of(dir), "acme-v1", List.of("en"));
        assertThat(acme.byVersion("acme-v2.en")).isEmpty();

        // when that version's file is deployed
        Files.writeString(dir.resolve("acme-v2.en.properties"), english);

        // then it is found: the miss was not remembered
        assertThat(acme.byVersion("acme-v2.en")).hasValueSatisfying(w -> assertThat(w.version()).isEqualTo("acme-v2.en"));
    }

    @Test
    void anOlderVersionLackingTheTextsOfTodaysPagesIsStillRecordedAsShownButNeverCurrent() {
        // preferences-v1 predates the texts v2 added (needs.text, stale.*, ratelimited.*)
        assertThat(catalog.byVersion("preferences-v1.en")).hasValueSatisfying(v1 ->
                assertThat(v1.texts()).doesNotContainKey("needs.text").containsKeys(Wording.CONSENT_KEYS.toArray(String[]::new)));
        assertThatThrownBy(() -> WordingCatalog.load(Optional.empty(), "preferences-v1", List.of("en")))
                .hasMessageContaining("preferences-v1.en.properties").hasMessageContaining("lacks key");
    }

    @Test
    void aMissingFileOrKeyIsNamedAtStart(@TempDir final Path dir) throws IOException {
        assertThatThrownBy(() -> WordingCatalog.load(Optional.of(dir), "acme-v1", List.of("en")))
                .hasMessageContaining("acme-v1.en.properties").hasMessageContaining("edge.wording");
        Files.writeString(dir.resolve("acme-v1.en.properties"), "page.title = Hello\n");
        assertThatThrownBy(() -> WordingCatalog.load(Optional.of(dir), "acme-v1", List.of("en")))
                .hasMessageContaining("acme-v1.en.properties").hasMessageContaining("lacks key");
    }

    private static String resource(final String name) throws IOException {
        try (InputStream in = WordingCatalogTest.class.getClassLoader().getResourceAsStream("wording/" + name)) {
            assertThat(in).as("wording/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
