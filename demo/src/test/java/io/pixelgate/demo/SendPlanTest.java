package io.pixelgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pixelgate.events.SendCategory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SendPlanTest {

    private static final int PROFILES = 1_000;

    @Test
    void eachMarketingCampaignGoesToEveryProfileOnceSplitBetweenItsVariants() {
        // given a plan over a small population
        final Population population = Population.generate(PROFILES, new SplittableRandom(1));
        final ConsentTimeline crm = new ConsentTimeline(population, Duration.ofMinutes(1), new SplittableRandom(2));
        final SendPlan plan = new SendPlan(population, crm, new SplittableRandom(3), "run1");

        // when enough is sent for the first campaign to finish
        final List<PlannedSend> sends = new ArrayList<>();
        for (int i = 0; i < PROFILES * 2; i++) {
            sends.add(plan.next());
        }

        // then the first campaign reached every profile once, about half on each variant
        final List<PlannedSend> first = sends.stream()
                .filter(send -> send.campaign().id().equals(Campaigns.marketing(0).id())).toList();
        assertThat(first).hasSize(PROFILES);
        assertThat(first).extracting(send -> send.profile().id()).doesNotHaveDuplicates();
        final Map<String, Long> byVariant = first.stream()
                .collect(Collectors.groupingBy(PlannedSend::variant, Collectors.counting()));
        assertThat(byVariant.keySet()).containsExactlyInAnyOrder("A", "B");
        assertThat(byVariant.get("A") / (double) PROFILES).isCloseTo(0.5, within(0.06));
        // and message ids are unique and carry the run's id
        assertThat(sends).extracting(PlannedSend::messageId).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("run1-"));
    }

    @Test
    void consentRequestsGoOnlyToProfilesWithoutAnAnswerAndOnceEach() {
        final Population population = Population.generate(PROFILES, new SplittableRandom(4));
        final ConsentTimeline crm = new ConsentTimeline(population, Duration.ofHours(1), new SplittableRandom(5));
        final List<String> answered = crm.due(0).stream().map(event -> event.profile().id()).toList();
        final SendPlan plan = new SendPlan(population, crm, new SplittableRandom(6), "run2");

        final List<PlannedSend> requests = new ArrayList<>();
        for (int i = 0; i < PROFILES * 10; i++) {
            final PlannedSend send = plan.next();
            if (send.campaign().category() == SendCategory.CONSENT_REQUEST) {
                requests.add(send);
            }
        }

        assertThat(requests).isNotEmpty().allMatch(send -> send.variant() == null);
        assertThat(requests).extracting(send -> send.profile().id()).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(answered);
    }

    @Test
    void theEmailCarriesTheCampaignsLinksToTheShop() {
        final String html = Campaigns.marketing(0).html("p-1");

        assertThat(html).contains("<a href=\"https://shop.example/").endsWith("</body></html>");
        assertThat(html.split("<a href=", -1)).hasSize(Campaigns.marketing(0).links().size() + 1);
    }

    @Test
    void campaignsRepeatWithARoundSuffixOnALongRun() {
        assertThat(Campaigns.marketing(6).id()).isEqualTo(Campaigns.marketing(0).id() + "-2");
        assertThat(Campaigns.marketing(6).variants()).isEqualTo(Campaigns.marketing(0).variants());
    }
}
