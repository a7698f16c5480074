package io.pixelgate.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.testkit.TestClients;
import io.pixelgate.testkit.TestCluster;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.PersonalPixel;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The application as the launcher starts it, on the real broker and registry: schemas registered,
 * a hit written as JSON (any producer may), exactly-once outputs read with read_committed.
 */
class AggregatorBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void hitCountsAndWithdrawalPurgesOnTheBroker() {
        final TestCluster cluster = TestCluster.shared();
        final TokenKeys keys = TokenKeys.generate("k1");
        // An application id of its own, so that its internal topics are not another test's; no
        // sends here, so no small-campaign threshold (SmallCampaignTopologyTest tests that).
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of(CommonSettings.TOKEN_KEYS.key(), keys.toConfigString(),
                "streams.application.id", "pixelgate-open-aggregator-" + UUID.randomUUID(),
                AggregatorSettings.MIN_RECIPIENTS.key(), "0"));
        final Instant now = Instant.now();
        final String token = new TokenCodec(keys).issue(new PersonalPixel(Fixtures.message("m-1", "p-1",
                Fixtures.campaign("launch", null), IdentifiedMode.PERSONAL, now.minus(Duration.ofHours(1)))));

        try (PixelgateApplication.Running app = new OpenAggregatorApplication().start(runtime, WAIT);
             TestClients clients = cluster.clients()) {
            // given p-1 consents to measurement and profiling, and opens its email
            clients.sendAvro(runtime.topics().consentState(), "p-1", Fixtures.granted("p-1",
                    now.minus(Duration.ofHours(2)), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));
            clients.sendJson(runtime.topics().openHits(), "p-1", "{\"hitId\": \"h-1\", \"kind\": \"OPEN\", "
                    + "\"token\": \"" + token + "\", \"receivedAt\": \"" + now + "\", \"userAgent\": \""
                    + Fixtures.CHROME + "\", \"network\": null, \"ipPrefix\": \"203.0.113.0/24\"}");

            final List<ConsumerRecord<String, CampaignStats>> stats = cluster.reader(runtime.topics().campaignStats())
                    .readUntil(list -> list.stream().anyMatch(r -> r.value().getUniqueOpens() == 1), WAIT);
            assertThat(stats).last().satisfies(r -> assertThat(r.key()).isEqualTo("launch"));
            assertThat(cluster.reader(runtime.topics().profileEngagement()).read(1, WAIT))
                    .extracting(ConsumerRecord::value).extracting(ProfileEngagement::getOpens).containsExactly(1L);

            // when it withdraws
            clients.sendAvro(runtime.topics().consentState(), "p-1",
                    Fixtures.withdrawn("p-1", now.plusSeconds(1), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));

            // then a tombstone follows its record, and the purge is logged
            assertThat(cluster.reader(runtime.topics().profileEngagement()).read(2, WAIT))
                    .extracting(ConsumerRecord::value).last().isNull();
            final List<ConsumerRecord<String, PurgeRecord>> purges = cluster.reader(runtime.topics().purgeLog())
                    .read(1, WAIT);
            assertThat(purges).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("p-1");
                assertThat(r.value().getPurged()).containsEntry(AggregatorStores.MESSAGE_STORE, 1L);
            });
        }
    }
}
