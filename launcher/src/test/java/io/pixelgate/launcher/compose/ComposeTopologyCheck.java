package io.pixelgate.launcher.compose;

import static io.pixelgate.launcher.Journey.LINK_TARGET;
import static io.pixelgate.launcher.Journey.assertPixel;
import static io.pixelgate.launcher.Journey.awaitAll;
import static io.pixelgate.launcher.Journey.awaitLatest;
import static io.pixelgate.launcher.Journey.consent;
import static io.pixelgate.launcher.Journey.firstLink;
import static io.pixelgate.launcher.Journey.latestByKey;
import static io.pixelgate.launcher.Journey.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.aggregator.AggregatorSettings;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.launcher.Journey;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.schemas.Topics;
import io.pixelgate.testkit.TestClients;
import io.pixelgate.testkit.TestCluster;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The production topology as docker-compose.yml deploys it, in containers, driven from outside them
 * as its users drive it: a CRM and a send service through the published Kafka port, a mail client
 * and a recipient through the published edge port, a BI reader on the output topics. Between two
 * opens it restarts the open-aggregator's container and expects counting to go on, each open counted
 * once.
 *
 * <p>{@code deploy/compose-check} runs it once the topology is healthy, naming where it is published
 * with the system properties below. It is not part of {@code ./mvnw verify}: its name matches none
 * of Surefire's test class patterns, since without a running topology there is nothing to check.
 */
class ComposeTopologyCheck {

    /** Kafka's published listener, e.g. localhost:9094. */
    static final String KAFKA = "compose.kafka";
    /** The registry's published Confluent API, e.g. http://localhost:8081. */
    static final String REGISTRY = "compose.registry";
    /** The edge's published base URL, which is also its public URL, e.g. http://localhost:8080. */
    static final String EDGE = "compose.edge";
    /** A shell command that restarts the open-aggregator's container and returns once it is healthy. */
    static final String RESTART = "compose.restart.open-aggregator";
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);

    private final Journey journey = new Journey();

    @Test
    void aConsentedSendIsTrackedOpenedClickedWithdrawnAndCountedOnceAcrossARestart() throws Exception {
        final TestCluster cluster = TestCluster.existing(required(KAFKA), required(REGISTRY));
        final String edge = required(EDGE);
        final Topics topics = PixelgateRuntime.connect(PixelgateConfig.of(Map.of(
                CommonSettings.BOOTSTRAP_SERVERS.key(), cluster.bootstrapServers(),
                CommonSettings.SCHEMA_REGISTRY_URL.key(), cluster.registryUrl()))).topics();
        // names of this run only, so that the check also passes on a deployment that has data
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String profile = "p-" + run;
        final String campaign = "check-" + run;
        final Instant sentAt = Instant.now().minus(Duration.ofHours(1));

        try (TestClients clients = cluster.clients()) {
            // given a CRM that records a grant of open measurement and engagement profiling
            clients.sendJson(topics.consentChanges(), profile, consent("crm-" + run, profile, "GRANTED",
                    "[\"OPEN_MEASUREMENT\",\"ENGAGEMENT_PROFILING\"]", sentAt.minus(Duration.ofDays(1))));
            awaitAll(cluster.reader(topics.consentState()), r -> r.key().equals(profile));

            // when a send service asks for a marketing send to that profile
            clients.sendJson(topics.sendRequests(), "m-" + run, send("m-" + run, profile, campaign, "A", "MARKETING",
                    sentAt));
            // and to enough others (no consent: anonymous) that the deployment publishes the campaign's counters
            for (int other = 1; other < AggregatorSettings.MIN_RECIPIENTS.defaultValue(); other++) {
                clients.sendJson(topics.sendRequests(), "m-" + run + "-" + other, send("m-" + run + "-" + other,
                        profile + "-" + other, campaign, "A", "MARKETING", sentAt));
            }

            // then it is tracked personally, with URLs on the edge's published port
            final TrackedSend tracked = awaitAll(cluster.reader(topics.trackedSends()),
                    r -> r.key().equals("m-" + run)).value();
            assertThat(tracked.getTrackingMode()).isEqualTo(TrackingMode.PERSONAL);
            assertThat(tracked.getConsentEventId()).isEqualTo("crm-" + run);
            assertThat(tracked.getPixelUrl()).startsWith(edge + "/o/");
            assertThat(tracked.getPreferencesUrl()).startsWith(edge + "/p/");

            // when the mail client loads the pixel and the recipient follows the link
            assertPixel(journey.get(tracked.getPixelUrl()));
            final HttpResponse<byte[]> click = journey.get(firstLink(tracked.getHtml()));
            assertThat(click.statusCode()).isEqualTo(302);
            assertThat(click.headers().firstValue("Location")).hasValue(LINK_TARGET);

            // then the campaign and the profile count them
            final String statsKey = campaign + ":A";
            final CampaignStats counted = awaitLatest(cluster.reader(topics.campaignStats()), statsKey,
                    s -> s != null && s.getOpens() >= 1 && s.getClicks() >= 1);
            assertThat(counted.getSentPersonal()).as("%s", counted).isEqualTo(1);
            assertThat(counted.getUniqueOpens()).as("%s", counted).isGreaterThanOrEqualTo(counted.getUniqueClicks());
            awaitLatest(cluster.reader(topics.profileEngagement()), profile, e -> e != null && e.getOpens() >= 1);

            // when the recipient withdraws on the preferences page
            assertThat(journey.withdrawOnPreferencesPage(tracked.getPreferencesUrl()).statusCode()).isEqualTo(200);

            // then the ledger proves it, the engagement is tombstoned and the purge is logged
            awaitAll(cluster.reader(topics.consentLedger()), r -> r.key().equals(profile)
                    && r.value().getChange().getMethod() == ConsentMethod.PREFERENCE_PAGE);
            awaitLatest(cluster.reader(topics.profileEngagement()), profile, Objects::isNull);
            final PurgeRecord purge = awaitAll(cluster.reader(topics.purgeLog()), r -> r.key().equals(profile)).value();
            assertThat(purge.getPurposes()).contains(Purpose.ENGAGEMENT_PROFILING);

            // when the open-aggregator's container restarts and the email is opened again
            final long opensBefore = awaitLatest(cluster.reader(topics.campaignStats()), statsKey, Objects::nonNull)
                    .getOpens();
            restartOpenAggregator();
            assertPixel(journey.get(tracked.getPixelUrl()));

            // then counting goes on, for the campaign only, and the open is counted once
            final CampaignStats after = awaitLatest(cluster.reader(topics.campaignStats()), statsKey,
                    s -> s != null && s.getOpens() > opensBefore);
            assertThat(after.getOpens()).as("opens after the restart, from %d before it", opensBefore)
                    .isEqualTo(opensBefore + 1);
            assertThat(latestByKey(cluster.reader(topics.profileEngagement()), 0).get(profile))
                    .as("engagement of %s after the withdrawal", profile).isNull();

            // and a later send to the profile is decided without the withdrawn purpose
            clients.sendJson(topics.sendRequests(), "m2-" + run, send("m2-" + run, profile, campaign, "A", "MARKETING",
                    Instant.now()));
            final TrackedSend later = awaitAll(cluster.reader(topics.trackedSends()),
                    r -> r.key().equals("m2-" + run)).value();
            assertThat(later.getTrackingMode()).isNotEqualTo(TrackingMode.PERSONAL);
        }
    }

    private static void restartOpenAggregator() throws IOException, InterruptedException {
        final Process restart = new ProcessBuilder("bash", "-c", required(RESTART)).inheritIO().start();
        assertThat(restart.waitFor(RESTART_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("the restart command (%s) returned within %s", RESTART, RESTART_TIMEOUT).isTrue();
        assertThat(restart.exitValue()).as("exit code of the restart command (%s)", RESTART).isZero();
    }

    private static String required(final String property) {
        final String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: this check drives a running "
                    + "compose topology; run it with deploy/compose-check, which sets it");
        }
        return value;
    }
}
