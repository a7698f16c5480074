package io.pixelgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.CampaignStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardTest {

    @Test
    void aRowShowsSendsByModeHumanAndMachineOpensApartAndTheRates() {
        // given a variant with 1,000 personal sends, 400 unique opens (100 human) and 50 unique clicks
        final CampaignStats stats = stats("autumn-sale", "B", 1_000, 400, 100, 50);

        // when a frame is drawn
        final List<String> frame = Dashboard.frame(model(List.of(stats), Duration.ofMinutes(5), 60_000));

        // then its row has the sends by mode, opens and clicks of people and machines apart, and the rates:
        // 40% open, 10% human, 12.5% click-to-open
        assertThat(frame).filteredOn(line -> line.startsWith("autumn-sale B")).singleElement().satisfies(line ->
                assertThat(line.replace('|', ' ').trim().split("\\s+")).containsExactly("autumn-sale", "B", "1,500", "1,000",
                        "500", "0", "0", "100", "300", "50", "0", "40.0%", "10.0%", "12.5%"));
    }

    @Test
    void everyLineFitsInTheFramesWidth() {
        final List<CampaignStats> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(stats("a-campaign-with-a-long-name-" + i, i % 2 == 0 ? "A" : "B", 9_999_999, 9_999_999,
                    9_999_999, 9_999_999));
        }

        final List<String> frame = Dashboard.frame(model(rows, null, -1));

        assertThat(frame).allMatch(line -> line.length() <= Dashboard.WIDTH, "at most " + Dashboard.WIDTH + " columns");
        assertThat(frame).filteredOn(line -> line.startsWith("a-campaign")).hasSizeLessThanOrEqualTo(Dashboard.MAX_ROWS);
    }

    @Test
    void theFixedCampaignsComeLastAndTheLatestMarketingCampaignsAreKept() {
        final List<CampaignStats> rows = new ArrayList<>();
        rows.add(stats(Campaigns.ORDER_CONFIRMATION.id(), null, 1, 1, 1, 1));
        for (int i = 0; i < 15; i++) {
            rows.add(stats("c" + i, null, 1, 1, 1, 1));
        }

        final List<CampaignStats> shown = Dashboard.rows(rows);

        assertThat(shown).hasSize(Dashboard.MAX_ROWS);
        assertThat(shown.get(shown.size() - 1).getCampaignId()).isEqualTo(Campaigns.ORDER_CONFIRMATION.id());
        assertThat(shown.get(shown.size() - 2).getCampaignId()).isEqualTo("c14");
    }

    @Test
    void aLongCampaignIdIsCutButItsVariantIsKept() {
        final List<String> frame = Dashboard.frame(model(List.of(stats("new-arrivals-2", "A", 1, 1, 1, 1),
                stats("new-arrivals-2", "B", 1, 1, 1, 1)), null, -1));

        assertThat(frame).anyMatch(line -> line.startsWith("new-arrivals~ A|"))
                .anyMatch(line -> line.startsWith("new-arrivals~ B|"));
    }

    @Test
    void largeCountsAreShortenedToFitTheirColumn() {
        assertThat(Dashboard.cell(99_999)).isEqualTo("99,999");
        assertThat(Dashboard.cell(1_234_567)).isEqualTo("1234k");
        assertThat(Dashboard.cell(299_999_960)).isEqualTo("299M");
    }

    @Test
    void ratesWithNothingToDivideByShowADash() {
        final List<String> frame = Dashboard.frame(model(List.of(stats("empty", null, 0, 0, 0, 0)), null, -1));

        assertThat(frame).anySatisfy(line -> assertThat(line).startsWith("empty").endsWith("-"));
    }

    @Test
    void theSummaryLineNamesTheTotals() {
        final String line = Dashboard.summary(model(List.of(stats("a", "A", 100, 40, 10, 5)), Duration.ofMinutes(1), 10));

        assertThat(line).contains("uniqueOpens=40", "uniqueClicks=5", "open=40.0%", "cto=12.5%");
    }

    private static Dashboard.Model model(final List<CampaignStats> rows, final Duration duration, final long planned) {
        return new Dashboard.Model(10_000, 200, "http://localhost:8080", ".pixelgate-demo/demo.log",
                Dashboard.Phase.SENDING, Duration.ofSeconds(75), duration, planned, DemoCounters.Snapshot.empty(),
                new OutputState.Outputs(rows, 3, new OutputState.Coverage(3_000, 2_000, 5_000), 7, null));
    }

    /** A campaign-stats record: 1.5 sends per personal one, 3 machine opens per human one, 2.4 clicks per unique. */
    private static CampaignStats stats(final String campaign, final String variant, final long personal,
                                       final long uniqueOpens, final long uniqueHumanOpens, final long uniqueClicks) {
        return CampaignStats.newBuilder()
                .setCampaignId(campaign).setVariant(variant)
                .setSent(personal * 3 / 2).setSentPersonal(personal).setSentAnonymous(personal / 2)
                .setSentDeliverability(0).setSentNone(0)
                .setOpens(uniqueHumanOpens * 4).setHumanOpens(uniqueHumanOpens).setMachineOpens(uniqueHumanOpens * 3)
                .setUniqueOpens(uniqueOpens).setUniqueHumanOpens(uniqueHumanOpens).setAnonymousOpens(0)
                .setClicks(uniqueClicks * 12 / 5).setUniqueClicks(uniqueClicks).setHumanClicks(uniqueClicks)
                .setMachineClicks(0).setUniqueHumanClicks(uniqueClicks).setAnonymousClicks(0)
                .setImplicitOpens(0).setRejectedHits(0).setUpdatedAt(Instant.EPOCH)
                .build();
    }
}
