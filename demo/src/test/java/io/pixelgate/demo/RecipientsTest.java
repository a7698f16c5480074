package io.pixelgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.SendCategory;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.demo.PlannedHit.Action;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecipientsTest {

    private static final Recipients RECIPIENTS = new Recipients(Recipients.Timing.DEMO);
    private static final String EDGE = "http://localhost:8080";
    private static final List<String> LINKS = List.of(EDGE + "/c/l1", EDGE + "/c/l2", EDGE + "/c/l3");
    private static final int TRIES = 2_000;

    @Test
    void aCorporateScannerFetchesThePixelAndEveryLinkWithinSecondsOfDelivery() {
        // given a recipient behind a security gateway who never opens
        final Profile profile = profile(MailClient.CORPORATE_SCANNER, 0);

        // when a personal email with three links is delivered
        final List<PlannedHit> hits = RECIPIENTS.react(profile, delivery(TrackingMode.PERSONAL, "A"),
                new SplittableRandom(1));

        // then the gateway requested the pixel, every link and the preferences page, all within its window
        final List<PlannedHit> scanner = hits.stream().filter(hit -> hit.by().actor() == Actor.SCANNER).toList();
        assertThat(scanner).extracting(PlannedHit::url)
                .containsExactlyInAnyOrder(EDGE + "/o/px.gif", LINKS.get(0), LINKS.get(1), LINKS.get(2), EDGE + "/p/pref");
        assertThat(scanner).allMatch(hit -> hit.after().compareTo(Recipients.Timing.DEMO.scannerMax()) <= 0);
        assertThat(scanner).extracting(hit -> hit.by().userAgent()).containsOnly(scanner.get(0).by().userAgent());
        assertThat(scanner).noneMatch(hit -> hit.action() == Action.WITHDRAW);
    }

    @Test
    void anImageBlockerNeverLoadsThePixelButItsClicksStillCome() {
        // given a recipient whose client blocks images and who opens everything
        final Profile profile = profile(MailClient.IMAGE_BLOCKER, 1);

        // when many emails are delivered
        final List<PlannedHit> hits = reactions(profile, delivery(TrackingMode.PERSONAL, null));

        // then the pixel is never requested, yet some links are followed
        assertThat(hits).noneMatch(hit -> hit.action() == Action.OPEN);
        assertThat(hits).anyMatch(hit -> hit.action() == Action.CLICK);
    }

    @Test
    void applesProxyPrefetchesThePixelAtDeliveryFromApplesNetworkWhetherOrNotThePersonOpens() {
        // given an Apple Mail user who never opens
        final Profile profile = profile(MailClient.APPLE_MPP, 0);

        // when an email is delivered
        final List<PlannedHit> hits = RECIPIENTS.react(profile, delivery(TrackingMode.ANONYMOUS, "B"),
                new SplittableRandom(2));

        // then Apple's proxy fetched the pixel within a second, with a bare agent from 17.0.0.0/8
        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.action()).isEqualTo(Action.OPEN);
            assertThat(hit.after()).isLessThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(hit.by().userAgent()).isEqualTo("Mozilla/5.0");
            assertThat(hit.by().address()).startsWith("17.");
        });
    }

    @Test
    void gmailLoadsThePixelThroughGooglesProxyOnlyWhenThePersonOpens() {
        // given Gmail users, one who never opens and one who always does
        final List<PlannedHit> silent = reactions(profile(MailClient.GMAIL_PROXY, 0), delivery(TrackingMode.PERSONAL, "A"));
        final List<PlannedHit> reader = reactions(profile(MailClient.GMAIL_PROXY, 1), delivery(TrackingMode.PERSONAL, "A"));

        // then nothing comes from the silent one, and the reader's opens come from Google's proxy
        assertThat(silent).isEmpty();
        assertThat(reader).filteredOn(hit -> hit.action() == Action.OPEN).isNotEmpty()
                .allMatch(hit -> hit.by().actor() == Actor.GOOGLE_PROXY
                        && hit.by().userAgent().contains("GoogleImageProxy") && hit.by().address().startsWith("66.249."));
    }

    @Test
    void peopleNeverActSoonerThanAMachineWould() {
        // given readers of every client
        for (final MailClient client : MailClient.values()) {
            final List<PlannedHit> hits = reactions(profile(client, 1), delivery(TrackingMode.PERSONAL, "A"));

            // then their own requests (and their proxy's, at their open) come after the scanner window
            assertThat(hits).filteredOn(hit -> !hit.by().actor().machine())
                    .allMatch(hit -> hit.after().compareTo(Recipients.Timing.DEMO.personMin()) >= 0);
        }
    }

    @Test
    void aPersonClicksAtMostOneLinkPerEmailAndSomeWithdraw() {
        // given an eager reader on an app that loads images
        final Profile profile = profile(MailClient.DIRECT, 1);
        final SplittableRandom random = new SplittableRandom(5);
        int withdrawals = 0;
        for (int i = 0; i < TRIES; i++) {
            // when a personal email is delivered
            final List<PlannedHit> hits = RECIPIENTS.react(profile, delivery(TrackingMode.PERSONAL, "A"), random);

            // then at most one link is followed, by a person
            assertThat(hits.stream().filter(hit -> hit.action() == Action.CLICK).count()).isLessThanOrEqualTo(1);
            withdrawals += (int) hits.stream().filter(hit -> hit.action() == Action.WITHDRAW).count();
        }
        assertThat(withdrawals).isBetween(1, TRIES / 10);
    }

    @Test
    void anEmailWithoutTrackingCausesNoRequestAtAll() {
        // given the consent request, which Pixelgate never tracks
        final Delivery untracked = new Delivery("m-1", "p-1", "consent-request", null, SendCategory.CONSENT_REQUEST,
                TrackingMode.NONE, null, List.of(), null);

        // then nobody, machine or person, reaches the edge through it
        for (final MailClient client : MailClient.values()) {
            assertThat(reactions(profile(client, 1), untracked)).isEmpty();
        }
    }

    @Test
    void variantBsSubjectLineIsOpenedMoreOften() {
        final Profile profile = profile(MailClient.DIRECT, 0.3);

        assertThat(Recipients.openChance(profile, delivery(TrackingMode.PERSONAL, "B")))
                .isGreaterThan(Recipients.openChance(profile, delivery(TrackingMode.PERSONAL, "A")));
    }

    @Test
    void thePopulationsClientsBringEveryKindOfRequester() {
        final Set<Actor> actors = Arrays.stream(MailClient.values()).map(client -> profile(client, 0.5))
                .flatMap(profile -> reactions(profile, delivery(TrackingMode.PERSONAL, "A")).stream())
                .map(hit -> hit.by().actor())
                .collect(Collectors.toSet());

        assertThat(actors).contains(Actor.APPLE_PROXY, Actor.GOOGLE_PROXY, Actor.SCANNER, Actor.PERSON);
    }

    private static List<PlannedHit> reactions(final Profile profile, final Delivery delivery) {
        final SplittableRandom random = new SplittableRandom(42);
        return IntStream.range(0, TRIES)
                .mapToObj(i -> RECIPIENTS.react(profile, delivery, random))
                .flatMap(List::stream)
                .toList();
    }

    static Profile profile(final MailClient client, final double propensity) {
        return new Profile(0, "p-00000", client, propensity,
                new ConsentAnswer(ConsentAnswer.Kind.NEVER, Set.of()), "203.0.113.9", 3);
    }

    private static Delivery delivery(final TrackingMode mode, final String variant) {
        return new Delivery("m-1", "p-00000", "autumn-sale", variant, SendCategory.MARKETING, mode,
                EDGE + "/o/px.gif", LINKS, EDGE + "/p/pref");
    }
}
