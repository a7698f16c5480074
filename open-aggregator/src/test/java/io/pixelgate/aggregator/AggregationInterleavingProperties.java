package io.pixelgate.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.aggregator.campaign.CampaignKey;
import io.pixelgate.aggregator.campaign.Counter;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.HitKind;
import io.pixelgate.events.LastOpen;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.schemas.consent.Consents;
import io.pixelgate.tokens.AnonymousPixel;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.PersonalPixel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.kafka.streams.KeyValue;

/**
 * The counting and privacy rules of SPEC.md section 1 as properties over generated interleavings of
 * sends, opens, clicks (link bursts and scanners included), forged tokens, consent changes and
 * erasures of three profiles over three campaign keys; and the small-campaign threshold and the
 * one-source cap over generated sends and anonymous pixel loads.
 *
 * <p>One driver serves every try of a property (starting one costs more than a whole try); each
 * try names its profiles and campaigns apart, so tries never see each other's counters.
 */
class AggregationInterleavingProperties {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final int PROFILES = 3;
    private static final int MESSAGES = 6;
    /** Targets 0..5 are the messages, 6..8 the anonymous pixel or link of campaign key 0..2. */
    private static final int TARGETS = MESSAGES + 3;
    private static final String[] AGENTS = {Fixtures.CHROME, Fixtures.IPHONE_MAIL, Fixtures.MIMECAST, "Mozilla/5.0",
        null, "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)"};
    private static final String[] NETWORKS = {null, null, "apple-mpp", "google-image-proxy"};

    /** The default thresholds the driver runs with. */
    private static final long THRESHOLD = AggregatorSettings.MIN_RECIPIENTS.defaultValue();
    private static final Duration SOURCE_WINDOW = AggregatorSettings.ANONYMOUS_SOURCE_WINDOW.defaultValue();

    private Path stateDir;
    private AggregatorDriver world;
    private int tries;
    private Instant loadClock = T0;

    @BeforeProperty
    void startDriver() throws IOException {
        stateDir = Files.createTempDirectory("aggregator-properties-");
        world = new AggregatorDriver(stateDir, T0, Map.of());
    }

    @AfterProperty
    void stopDriver() throws IOException {
        world.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Property(tries = 150)
    void uniqueOpensNeverFallBelowUniqueClicks(@ForAll("scenarios") final Scenario scenario) {
        run(scenario, (run, step) -> {
            for (final CampaignStats stats : run.stats().values()) {
                assertThat(stats.getUniqueOpens()).isGreaterThanOrEqualTo(stats.getUniqueClicks());
                assertThat(stats.getUniqueHumanOpens()).isGreaterThanOrEqualTo(stats.getUniqueHumanClicks());
                assertThat(stats.getUniqueHumanClicks()).isNotNegative();
            }
        });
    }

    @Property(tries = 150)
    void noEngagementRecordOutlivesEngagementProfiling(@ForAll("scenarios") final Scenario scenario) {
        final Run run = run(scenario, (r, step) -> { });
        for (int p = 0; p < PROFILES; p++) {
            final String profileId = run.profileId(p);
            if (!Consents.granted(run.consentOf(p), Purpose.ENGAGEMENT_PROFILING, run.now)) {
                assertThat(world.storedEngagement(profileId)).as("stored engagement of " + profileId).isNull();
                assertThat(run.lastEngagement.getOrDefault(profileId, null)).as("last record of " + profileId).isNull();
            }
        }
    }

    @Property(tries = 150)
    void everyValidHitIsCountedOnceAtCampaignLevel(@ForAll("scenarios") final Scenario scenario) {
        final long rejectedBefore = rejectedUnderRejectedKey();
        final Run run = run(scenario, (r, step) -> { });
        final Map<String, CampaignStats> stats = run.stats();
        assertThat(stats.keySet()).containsExactlyInAnyOrderElementsOf(run.expected.keySet());
        run.expected.forEach((key, expected) -> {
            final CampaignStats actual = stats.get(key);
            assertThat(actual.getOpens()).as("opens of " + key).isEqualTo(expected.opens);
            assertThat(actual.getHumanOpens() + actual.getMachineOpens()).isEqualTo(expected.opens);
            assertThat(actual.getClicks()).as("clicks of " + key).isEqualTo(expected.clicks);
            assertThat(actual.getHumanClicks() + actual.getMachineClicks()).isEqualTo(expected.clicks);
            assertThat(actual.getRejectedHits()).as("rejected hits of " + key).isEqualTo(expected.rejected);
            assertThat(actual.getSent()).as("sends of " + key).isEqualTo(expected.sent);
        });
        assertThat(rejectedUnderRejectedKey() - rejectedBefore).isEqualTo(run.rejectedWithoutCampaign);
    }

    @Property(tries = 150)
    void erasureLeavesNothingOfTheProfileAndEndsItsOutputsWithTombstones(@ForAll("scenarios") final Scenario scenario) {
        run(scenario, (run, step) -> {
            if (step.kind() == Step.Kind.ERASE) {
                final String profileId = run.profileId(step.profile());
                assertThat(world.keysNaming(profileId)).as("stores naming " + profileId + " after its erasure")
                        .isEmpty();
                assertThat(run.lastEngagement).as("profile-engagement of " + profileId).containsEntry(profileId, null);
                assertThat(run.lastOpens).as("last-open of " + profileId).containsEntry(profileId, null);
                assertThat(run.purged).extracting(PurgeRecord::getReason).last().asString().startsWith("ERASED by");
            }
        });
    }

    @Property(tries = 150)
    void erasureLeavesCampaignCountersAsTheyWere(@ForAll("scenarios") final Scenario scenario) {
        runComparing(scenario, step -> step.kind() == Step.Kind.ERASE, (run, step, before) ->
                assertThat(run.stats()).as("campaign counters after " + step).isEqualTo(before));
    }

    @Property(tries = 150)
    void hitsOfAnErasedProfileCountAtCampaignLevelOnlyUntilItConsentsAgain(
            @ForAll("scenarios") final Scenario scenario) {
        final Set<Integer> erased = new HashSet<>();
        runComparing(scenario, step -> {
            if (step.kind() == Step.Kind.ERASE) {
                erased.add(step.profile());
            } else if (step.kind() == Step.Kind.CONSENT) {
                erased.remove(step.profile());
            }
            return (step.kind() == Step.Kind.OPEN || step.kind() == Step.Kind.CLICK) && step.target() < MESSAGES
                    && erased.contains(scenario.messages().get(step.target()).profile());
        }, (run, step, before) -> {
            final String key = CampaignKey.of(run.message(step.target()).campaign());
            final CampaignStats was = before.get(key);
            final CampaignStats now = run.stats().get(key);
            assertThat(now.getAnonymousOpens() + now.getAnonymousClicks()).as("unattributed hits of " + key)
                    .isEqualTo(was == null ? 1 : was.getAnonymousOpens() + was.getAnonymousClicks() + 1);
            assertThat(now.getUniqueOpens()).isEqualTo(was == null ? 0 : was.getUniqueOpens());
            assertThat(now.getUniqueClicks()).isEqualTo(was == null ? 0 : was.getUniqueClicks());
            assertThat(run.engagementWritten).as("engagement written for an erased profile").isEmpty();
        });
    }

    @Property(tries = 100)
    void smallCampaignsArePublishedOnlyFromTheThreshold(@ForAll("campaignEvents") final List<CampaignEvent> events) {
        final String namespace = "s" + tries++;
        world.campaignStats.readValuesToList();
        final Map<String, Long> sends = new HashMap<>();
        Instant now = T0;
        for (final CampaignEvent event : events) {
            now = now.plusMillis(event.gapMillis());
            final CampaignIdentity campaign = Fixtures.campaign(namespace, "v" + event.key());
            if (event.send()) {
                world.send(Fixtures.trackedSend(namespace + "-m" + sends.values().stream().mapToLong(n -> n).sum(),
                        "p-" + event.source(), campaign, TrackingMode.ANONYMOUS, now));
                sends.merge(CampaignKey.of(campaign), 1L, Long::sum);
            } else {
                world.hit(campaign.campaignId(), Fixtures.hit(HitKind.OPEN, world.token(new AnonymousPixel(campaign)),
                        now, AGENTS[event.source()], null));
            }
        }
        final Map<String, CampaignStats> totals = world.allStats();
        final Map<String, CampaignStats> last = new HashMap<>();
        for (final KeyValue<String, CampaignStats> record : world.campaignStats.readKeyValuesToList()) {
            final CampaignStats published = record.value;
            final long sent = totals.get(record.key).getSent();
            if (published.getWithheld() == null) {
                assertThat(published.getSent()).as("published sends of " + record.key).isGreaterThanOrEqualTo(THRESHOLD);
            } else {
                assertThat(counters(published)).as("counters withheld of " + record.key).containsOnly(0L);
                assertThat(sent).isLessThanOrEqualTo(sends.get(record.key) == null ? 0 : sends.get(record.key));
            }
            last.put(record.key, published);
        }
        last.forEach((key, published) -> {
            final long sent = sends.getOrDefault(key, 0L);
            if (sent >= THRESHOLD) {
                assertThat(published).as("published " + key).isEqualTo(totals.get(key));
            } else {
                assertThat(published.getWithheld()).isEqualTo("SMALL_CAMPAIGN: " + sent + " sends, published from "
                        + THRESHOLD);
            }
        });
    }

    @Property(tries = 100)
    void oneSourceCountsOncePerWindowInAnonymousUniqueOpens(@ForAll("pixelLoads") final List<CampaignEvent> loads) {
        final CampaignIdentity campaign = Fixtures.campaign("a" + tries++, null);
        final Map<Integer, Instant> counted = new HashMap<>();
        long expectedUnique = 0;
        // Each try after the last one's loads: a load a window before the task's stream time never counts.
        Instant now = loadClock;
        for (final CampaignEvent load : loads) {
            now = now.plusMillis(load.gapMillis());
            world.hit(campaign.campaignId(), Fixtures.hit(HitKind.OPEN, world.token(new AnonymousPixel(campaign)), now,
                    AGENTS[load.source()], null));
            final Instant last = counted.get(load.source());
            if (last == null || !now.isBefore(last.plus(SOURCE_WINDOW))) {
                counted.put(load.source(), now);
                expectedUnique++;
            }
        }
        loadClock = now.plus(SOURCE_WINDOW);
        final CampaignStats stats = world.stats(CampaignKey.of(campaign));
        assertThat(stats.getOpens()).as("every load counted").isEqualTo(loads.size());
        assertThat(stats.getAnonymousOpens()).isEqualTo(loads.size());
        assertThat(stats.getAnonymousUniqueOpens()).isEqualTo(expectedUnique)
                .isLessThanOrEqualTo(loads.size());
    }

    /** Every counter of a campaign-stats record. */
    private static List<Long> counters(final CampaignStats stats) {
        final List<Long> values = new ArrayList<>();
        for (final Counter counter : Counter.values()) {
            values.add((Long) stats.get(counter.field()));
        }
        return values;
    }

    @Property(tries = 150)
    void noProfileRecordIsWrittenAfterWithdrawal(@ForAll("scenarios") final Scenario scenario) {
        run(scenario, (run, step) -> {
            for (final KeyValue<String, ProfileEngagement> written : run.engagementWritten) {
                if (written.value != null) {
                    final int profile = run.profileIndex(written.key);
                    assertThat(Consents.granted(run.consentOf(profile), Purpose.ENGAGEMENT_PROFILING, run.now))
                            .as("engagement written for " + written.key + " at " + run.now + " after " + step)
                            .isTrue();
                }
            }
        });
    }

    private long rejectedUnderRejectedKey() {
        final CampaignStats stats = world.stats(CampaignKey.REJECTED);
        return stats == null ? 0 : stats.getRejectedHits();
    }

    private Run run(final Scenario scenario, final StepCheck check) {
        final Run run = new Run("t" + tries++, scenario);
        for (final Step step : scenario.steps()) {
            run.apply(step);
            check.after(run, step);
        }
        return run;
    }

    /** Runs the scenario, and checks the steps {@code compared} picks against the campaign counters before them. */
    private void runComparing(final Scenario scenario, final Predicate<Step> compared, final ComparedCheck check) {
        final Run run = new Run("t" + tries++, scenario);
        for (final Step step : scenario.steps()) {
            final Map<String, CampaignStats> before = compared.test(step) ? run.stats() : null;
            run.apply(step);
            if (before != null) {
                check.after(run, step, before);
            }
        }
    }

    @FunctionalInterface
    private interface StepCheck {
        void after(Run run, Step step);
    }

    @FunctionalInterface
    private interface ComparedCheck {
        void after(Run run, Step step, Map<String, CampaignStats> before);
    }

    /** One scenario fed to the driver, with what a reference model expects of it. */
    private final class Run {
        private final String namespace;
        private final Scenario scenario;
        private final List<Map<Purpose, PurposeConsent>> consents = new ArrayList<>();
        private final Map<String, Expected> expected = new HashMap<>();
        private final Map<String, ProfileEngagement> lastEngagement = new HashMap<>();
        private final Map<String, LastOpen> lastOpens = new HashMap<>();
        private List<PurgeRecord> purged = List.of();
        private List<KeyValue<String, ProfileEngagement>> engagementWritten = List.of();
        private long rejectedWithoutCampaign;
        private Instant now = T0.plusSeconds(3);
        private int events;

        Run(final String namespace, final Scenario scenario) {
            this.namespace = namespace;
            this.scenario = scenario;
            for (int p = 0; p < PROFILES; p++) {
                consents.add(new EnumMap<>(Purpose.class));
            }
        }

        String profileId(final int profile) {
            return namespace + "-p" + profile;
        }

        int profileIndex(final String profileId) {
            return Integer.parseInt(profileId.substring(profileId.lastIndexOf('p') + 1));
        }

        CampaignIdentity campaign(final int index) {
            return switch (index) {
                case 0 -> Fixtures.campaign(namespace + "-c0", "A");
                case 1 -> Fixtures.campaign(namespace + "-c0", "B");
                default -> Fixtures.campaign(namespace + "-c1", null);
            };
        }

        MessageIdentity message(final int index) {
            final MessageSpec spec = scenario.messages().get(index);
            return new MessageIdentity(namespace + "-m" + index, profileId(spec.profile()), campaign(spec.campaign()),
                    spec.deliverability() ? IdentifiedMode.DELIVERABILITY : IdentifiedMode.PERSONAL,
                    T0.plusSeconds(index).toEpochMilli());
        }

        ConsentState consentOf(final int profile) {
            return ConsentState.newBuilder().setProfileId(profileId(profile))
                    .setPurposes(new ArrayList<>(consents.get(profile).values())).setUpdatedAt(now).build();
        }

        Map<String, CampaignStats> stats() {
            final Map<String, CampaignStats> mine = new HashMap<>();
            world.allStats().forEach((key, value) -> {
                if (key.startsWith(namespace + "-")) {
                    mine.put(key, value);
                }
            });
            return mine;
        }

        void apply(final Step step) {
            now = now.plusMillis(step.gapMillis());
            switch (step.kind()) {
                case CONSENT -> consent(step);
                case OPEN, CLICK -> hit(step);
                case INVALID -> invalid(step);
                case SEND -> send(step);
                case ERASE -> erase(step);
                default -> throw new IllegalStateException(step.kind().name());
            }
            engagementWritten = world.engagement.readKeyValuesToList();
            engagementWritten.forEach(kv -> lastEngagement.put(kv.key, kv.value));
            world.lastOpen.readKeyValuesToList().forEach(kv -> lastOpens.put(kv.key, kv.value));
            purged = world.purgeLog.readValuesToList();
        }

        /** As consent-events erases a profile: a consent-state tombstone naming the request; the model forgets it. */
        private void erase(final Step step) {
            consents.get(step.profile()).clear();
            world.consentErased(profileId(step.profile()), namespace + "-dsr" + events++, now);
        }

        private void consent(final Step step) {
            final Map<Purpose, PurposeConsent> entries = consents.get(step.profile());
            for (final Purpose purpose : step.purposes()) {
                entries.put(purpose, PurposeConsent.newBuilder().setPurpose(purpose).setStatus(step.status())
                        .setSince(now).setEventId(namespace + "-e" + events++)
                        .setWordingVersion(step.status() == ConsentStatus.GRANTED ? "v1" : null).setExpiresAt(null)
                        .build());
            }
            world.consent(consentOf(step.profile()));
        }

        private void hit(final Step step) {
            final HitKind kind = step.kind() == Step.Kind.OPEN ? HitKind.OPEN : HitKind.CLICK;
            final String key;
            final String token;
            final CampaignIdentity campaign;
            if (step.target() < MESSAGES) {
                final MessageIdentity message = message(step.target());
                key = message.profileId();
                campaign = message.campaign();
                token = kind == HitKind.OPEN ? world.token(new PersonalPixel(message))
                        : world.token(new Link(message, step.link(), "https://shop.example/" + step.link()));
            } else {
                campaign = campaign(step.target() - MESSAGES);
                key = campaign.campaignId();
                token = kind == HitKind.OPEN ? world.token(new AnonymousPixel(campaign))
                        : world.token(new Link(campaign, step.link(), "https://shop.example/" + step.link()));
            }
            world.hit(key, Fixtures.hit(kind, token, now, AGENTS[step.agent()], NETWORKS[step.network()]));
            final Expected counts = expected(CampaignKey.of(campaign));
            if (kind == HitKind.OPEN) {
                counts.opens++;
            } else {
                counts.clicks++;
            }
        }

        /** 0: forged, 1: not a token, 2: a link token loaded as a pixel, 3: a pixel token followed as a link. */
        private void invalid(final Step step) {
            final MessageIdentity message = message(step.target() % MESSAGES);
            final String pixel = world.token(new PersonalPixel(message));
            switch (step.link() % 4) {
                case 0 -> {
                    final String forged = pixel.substring(0, pixel.length() - 3)
                            + (pixel.endsWith("QQQ") ? "RRR" : "QQQ");
                    world.hit("invalid", Fixtures.hit(HitKind.OPEN, forged, now, Fixtures.CHROME, null));
                    rejectedWithoutCampaign++;
                }
                case 1 -> {
                    world.hit("invalid", Fixtures.hit(HitKind.CLICK, "x" + step.agent(), now, Fixtures.CHROME, null));
                    rejectedWithoutCampaign++;
                }
                case 2 -> {
                    world.hit(message.profileId(), Fixtures.hit(HitKind.OPEN,
                            world.token(new Link(message, 0, "https://shop.example/")), now, Fixtures.CHROME, null));
                    expected(CampaignKey.of(message.campaign())).rejected++;
                }
                default -> {
                    world.hit(message.profileId(), Fixtures.hit(HitKind.CLICK, pixel, now, Fixtures.CHROME, null));
                    expected(CampaignKey.of(message.campaign())).rejected++;
                }
            }
        }

        private void send(final Step step) {
            final MessageIdentity message = message(step.target() % MESSAGES);
            final TrackingMode mode = TrackingMode.values()[step.link() % TrackingMode.values().length];
            world.send(Fixtures.trackedSend(message.messageId(), message.profileId(), message.campaign(), mode, now));
            expected(CampaignKey.of(message.campaign())).sent++;
        }

        private Expected expected(final String key) {
            return expected.computeIfAbsent(key, k -> new Expected());
        }
    }

    /** The reference counts of one campaign key. */
    private static final class Expected {
        long opens;
        long clicks;
        long rejected;
        long sent;
    }

    record MessageSpec(int profile, int campaign, boolean deliverability) {
    }

    /**
     * One generated event. Fields a kind does not use are ignored: target (message, or anonymous
     * campaign from 6), link (also picks the kind of invalid token and the tracking mode of a send),
     * agent, network, and profile, purposes and status for consent changes.
     */
    record Step(Kind kind, long gapMillis, int target, int link, int agent, int network, int profile,
                Set<Purpose> purposes, ConsentStatus status) {
        enum Kind { CONSENT, OPEN, CLICK, INVALID, SEND, ERASE }
    }

    /** A send (to recipient {@code source}) or an anonymous pixel load (from source {@code source}) on campaign key {@code key}. */
    record CampaignEvent(boolean send, int key, int source, long gapMillis) {
    }

    @Provide
    Arbitrary<List<CampaignEvent>> campaignEvents() {
        return Combinators.combine(Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false)),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, AGENTS.length - 1),
                Arbitraries.of(0L, 1_000L, 60_000L)).as(CampaignEvent::new).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<CampaignEvent>> pixelLoads() {
        // Gaps from "at once" to "more than the window", so that a source's loads fall inside and outside it.
        return Combinators.combine(Arbitraries.just(false), Arbitraries.just(0),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(0L, 60_000L, 3_600_000L, 12 * 3_600_000L, 25 * 3_600_000L))
                .as(CampaignEvent::new).list().ofMinSize(1).ofMaxSize(30);
    }

    record Scenario(List<MessageSpec> messages, List<Step> steps) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        final Arbitrary<MessageSpec> message = Combinators.combine(Arbitraries.integers().between(0, PROFILES - 1),
                Arbitraries.integers().between(0, 2), Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)))
                .as(MessageSpec::new);
        final Arbitrary<Step.Kind> kind = Arbitraries.frequency(Tuple.of(3, Step.Kind.CONSENT),
                Tuple.of(6, Step.Kind.OPEN), Tuple.of(5, Step.Kind.CLICK), Tuple.of(1, Step.Kind.INVALID),
                Tuple.of(2, Step.Kind.SEND), Tuple.of(1, Step.Kind.ERASE));
        // Gaps from "same instant" through "link burst" and "scanner window" to "an hour later".
        final Arbitrary<Long> gap = Arbitraries.of(0L, 300L, 1_500L, 4_000L, 60_000L, 3_600_000L);
        // Mostly the sets a signup form or preference page would name, so that profiles often get
        // as far as an engagement record before they withdraw.
        final Arbitrary<Set<Purpose>> purposes = Arbitraries.frequency(
                Tuple.of(3, Set.of(Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING)),
                Tuple.of(2, Set.of(Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING, Purpose.CROSS_CHANNEL)),
                Tuple.of(1, Set.of(Purpose.OPEN_MEASUREMENT)), Tuple.of(1, Set.of(Purpose.ENGAGEMENT_PROFILING)),
                Tuple.of(1, Set.of(Purpose.CROSS_CHANNEL)));
        final Arbitrary<ConsentStatus> status = Arbitraries.frequency(Tuple.of(4, ConsentStatus.GRANTED),
                Tuple.of(2, ConsentStatus.WITHDRAWN), Tuple.of(1, ConsentStatus.DENIED));
        final Arbitrary<Step> step = Combinators.combine(kind, gap, Arbitraries.integers().between(0, TARGETS - 1),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, AGENTS.length - 1),
                Arbitraries.integers().between(0, NETWORKS.length - 1),
                Arbitraries.integers().between(0, PROFILES - 1), purposes).as(
                (k, g, target, link, agent, network, profile, p) -> new Step(k, g, target, link, agent, network,
                        profile, p, null))
                .flatMap(partial -> status.map(s -> new Step(partial.kind(), partial.gapMillis(), partial.target(),
                        partial.link(), partial.agent(), partial.network(), partial.profile(), partial.purposes(), s)));
        return Combinators.combine(message.list().ofSize(MESSAGES), step.list().ofMinSize(10).ofMaxSize(40))
                .as(Scenario::new);
    }
}
