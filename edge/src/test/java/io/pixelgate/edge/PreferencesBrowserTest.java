package io.pixelgate.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.testkit.SealedLedger;
import io.pixelgate.testkit.TestCluster;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser through the preferences page: Debian's chromium, headless, driven by Selenium
 * with Debian's chromedriver (never a downloaded one). A French visitor accepts two purposes, an
 * English one refuses, another ticks a purpose without the one it needs and is told so before
 * anything is recorded; each decision lands in consent-changes with the wording version shown.
 */
class PreferencesBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);
    private static final List<String> EQUAL_WEIGHT_STYLES = List.of("font-size", "font-weight", "font-family",
            "color", "background-color", "border-top-width", "border-top-color", "padding-top", "height");

    /** Selenium warns through java.util.logging that it has no DevTools for this Chromium; it needs none. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private static TestEdge edge;

    /** Each browser's fresh profile goes here, deleted after the tests. */
    @TempDir
    static Path profiles;

    @BeforeAll
    static void startEdge() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("this test needs Debian's chromium and chromedriver: apt-get install -y chromium chromium-driver "
                        + "(.ci/run installs them)")
                .isTrue();
        SELENIUM_LOG.setLevel(Level.SEVERE);
        edge = TestEdge.start(Map.of(), TestCluster.shared()::newRuntime);
    }

    @AfterAll
    static void stopEdge() {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void frenchVisitorAcceptsTwoPurposesAndTheGrantNamesTheFrenchWording() throws IOException {
        final String profileId = "p-browser-fr-" + UUID.randomUUID();
        final WebDriver browser = chromium("fr-FR,fr");
        try {
            browser.get(edge.baseUrl() + "/p/" + edge.preferences(profileId));

            assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("fr");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vos préférences de suivi des e-mails");
            assertThat(browser.getPageSource()).contains("Qui place le pixel").contains("tous vos appareils");
            assertNothingTickedAndEqualWeight(browser);
            screenshot(browser, "preferences-fr.png");

            browser.findElement(By.id("purpose-OPEN_MEASUREMENT")).click();
            browser.findElement(By.id("purpose-ENGAGEMENT_PROFILING")).click();
            browser.findElement(By.id("accept")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation")));

            assertThat(browser.findElement(By.id("confirmation")).getText()).isEqualTo("Votre choix est enregistré");
            screenshot(browser, "confirmation-fr.png");
        } finally {
            browser.quit();
        }

        final List<ConsentChange> changes = consentChangesOf(profileId, 2);
        final ConsentChange granted = only(changes, ConsentStatus.GRANTED);
        assertThat(granted.getPurposes()).containsExactlyInAnyOrder(Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING);
        assertThat(granted.getWordingVersion()).isEqualTo(EdgeSettings.WORDING.defaultText() + ".fr");
        assertThat(granted.getMethod()).isEqualTo(ConsentMethod.PREFERENCE_PAGE);
        assertThat(granted.getEvidence().getUserAgent()).contains("Chrome");
        final ConsentChange denied = only(changes, ConsentStatus.DENIED);
        assertThat(denied.getPurposes()).containsExactly(Purpose.CROSS_CHANNEL);
        assertThat(denied.getWordingVersion()).isEqualTo(EdgeSettings.WORDING.defaultText() + ".fr");
    }

    @Test
    void theReceiptLinkOpensThePersonsReceiptsInTheLookOfThePage() throws IOException {
        final String profileId = "p-browser-receipt-" + UUID.randomUUID();
        final Instant at = Instant.parse("2026-11-22T10:00:00Z");
        try (SealedLedger ledger = new SealedLedger(TestCluster.shared(), edge.runtime().topics())) {
            final byte[] key = ledger.newKey(profileId, at);
            ledger.change(profileId, key, "pp-1", ConsentStatus.GRANTED, "preferences-v2.fr",
                    ConsentMethod.PREFERENCE_PAGE, at);
        }
        final WebDriver browser = chromium("fr-FR,fr");
        try {
            browser.get(edge.baseUrl() + "/p/" + edge.preferences(profileId));
            browser.findElement(By.id("receipt-link")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("receipts")));

            assertThat(browser.findElement(By.id("receipts")).getText()).startsWith("Vos reçus de consentement");
            final WebElement receipt = browser.findElement(By.cssSelector("section.receipt"));
            assertThat(receipt.getText()).contains(SealedLedger.email(profileId, "pp-1")).contains("PREFERENCE_PAGE")
                    .contains("preferences-v2.fr");
            // the page's own style applies (its hash is in the Content-Security-Policy), tables included
            assertThat(browser.findElement(By.tagName("main")).getCssValue("max-width")).isEqualTo("672px");
            assertThat(browser.findElement(By.id("status")).getCssValue("border-collapse")).isEqualTo("collapse");
            screenshot(browser, "receipt-fr.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    void englishVisitorRefusesAndEveryPurposeIsDeniedWithTheEnglishWording() {
        final String profileId = "p-browser-en-" + UUID.randomUUID();
        final WebDriver browser = chromium("en-GB,en");
        try {
            browser.get(edge.baseUrl() + "/p/" + edge.preferences(profileId));

            assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
            assertThat(browser.getPageSource()).contains("Who places the pixel").contains("every device");
            assertNothingTickedAndEqualWeight(browser);

            browser.findElement(By.id("refuse")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation")));
            assertThat(browser.findElement(By.id("confirmation")).getText()).isEqualTo("Your choice is recorded");
        } finally {
            browser.quit();
        }

        final ConsentChange denied = only(consentChangesOf(profileId, 1), ConsentStatus.DENIED);
        assertThat(denied.getPurposes()).containsExactlyInAnyOrder(Purpose.values());
        assertThat(denied.getWordingVersion()).isEqualTo(EdgeSettings.WORDING.defaultText() + ".en");
    }

    @Test
    void engagementProfilingTickedAloneIsExplainedAndOnlyTheCompletedFormIsRecorded() throws IOException {
        final String profileId = "p-browser-needs-" + UUID.randomUUID();
        final WebDriver browser = chromium("en-GB,en");
        try {
            browser.get(edge.baseUrl() + "/p/" + edge.preferences(profileId));
            browser.findElement(By.id("purpose-ENGAGEMENT_PROFILING")).click();
            browser.findElement(By.id("accept")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("needs")));

            assertThat(browser.findElement(By.id("needs")).getText())
                    .isEqualTo("\"Engagement profile\" needs \"Measuring opens\": tick \"Measuring opens\" too, or untick "
                            + "\"Engagement profile\". Nothing was recorded.");
            assertThat(browser.findElement(By.id("purpose-ENGAGEMENT_PROFILING")).isSelected()).as("kept ticked").isTrue();
            assertThat(browser.findElement(By.id("purpose-OPEN_MEASUREMENT")).isSelected()).isFalse();
            screenshot(browser, "preferences-needs-en.png");
            assertThat(consentChangesOf(profileId, 1, Duration.ofSeconds(2))).as("nothing recorded yet").isEmpty();

            browser.findElement(By.id("purpose-OPEN_MEASUREMENT")).click();
            browser.findElement(By.id("accept")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation")));
            assertThat(browser.findElement(By.cssSelector("tr[data-purpose=ENGAGEMENT_PROFILING]"))
                    .getDomAttribute("data-status")).isEqualTo("GRANTED");
        } finally {
            browser.quit();
        }

        final List<ConsentChange> changes = consentChangesOf(profileId, 2);
        assertThat(only(changes, ConsentStatus.GRANTED).getPurposes())
                .containsExactlyInAnyOrder(Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING);
        assertThat(only(changes, ConsentStatus.DENIED).getPurposes()).containsExactly(Purpose.CROSS_CHANNEL);
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.getWordingVersion()).isEqualTo(EdgeSettings.WORDING.defaultText() + ".en");
            assertThat(change.getFormShownAt()).as("the form shown again, after the explanation").isNotNull()
                    .isBefore(change.getOccurredAt());
        });
    }

    private static void assertNothingTickedAndEqualWeight(final WebDriver browser) {
        final List<WebElement> boxes = browser.findElements(By.cssSelector("input[type=checkbox]"));
        assertThat(boxes).hasSize(Purpose.values().length);
        assertThat(boxes).noneMatch(WebElement::isSelected);
        final WebElement accept = browser.findElement(By.id("accept"));
        final WebElement refuse = browser.findElement(By.id("refuse"));
        for (final String style : EQUAL_WEIGHT_STYLES) {
            assertThat(refuse.getCssValue(style)).as("refuse button's " + style).isEqualTo(accept.getCssValue(style));
        }
        assertThat(Math.abs(accept.getSize().getWidth() - refuse.getSize().getWidth())).as("width difference, px")
                .isLessThanOrEqualTo(2);
    }

    private static WebDriver chromium(final String languages) {
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1000,1400", "--lang=" + languages.split(",")[0],
                "--user-data-dir=" + profiles.resolve("profile-" + UUID.randomUUID()));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
        // An explicit driver and browser: Selenium Manager is then skipped and downloads nothing.
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static List<ConsentChange> consentChangesOf(final String profileId, final int count) {
        return consentChangesOf(profileId, count, KAFKA_WAIT);
    }

    private static List<ConsentChange> consentChangesOf(final String profileId, final int count, final Duration wait) {
        return TestCluster.shared().reader(edge.runtime().topics().consentChanges())
                .readUntil(records -> records.stream().filter(r -> r.key().equals(profileId)).count() >= count, wait)
                .stream().filter(r -> r.key().equals(profileId)).map(ConsumerRecord::value).toList();
    }

    private static ConsentChange only(final List<ConsentChange> changes, final ConsentStatus status) {
        final List<ConsentChange> matching = changes.stream().filter(c -> c.getStatus() == status).toList();
        assertThat(matching).as(status + " changes in " + changes).hasSize(1);
        return matching.get(0);
    }

    /** Keeps what the browser showed next to the test reports, for a person to look at. */
    private static void screenshot(final WebDriver browser, final String name) throws IOException {
        final Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
