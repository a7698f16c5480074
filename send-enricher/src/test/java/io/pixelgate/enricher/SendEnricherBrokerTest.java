package io.pixelgate.enricher;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.consent.ConsentEventsApplication;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.app.PixelgateApplication.Running;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.serde.ConfluentAvroSerde;
import io.pixelgate.testkit.TestClients;
import io.pixelgate.testkit.TestCluster;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** send-enricher on a real broker with a real registry, next to the real consent-events. */
class SendEnricherBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void jsonSendsBecomeAvroTrackedSendsReadThroughTheRegistry() {
        final TestCluster cluster = TestCluster.shared();
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of(
                CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("k1").toConfigString(),
                CommonSettings.EDGE_PUBLIC_URL.key(), "https://edge.test"));
        final Topics topics = runtime.topics();
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (TestClients clients = cluster.clients()) {
            // given p-1 granted OPEN_MEASUREMENT ten minutes ago, through the real consent-events
            try (Running consentEvents = new ConsentEventsApplication().start(runtime, WAIT)) {
                clients.sendJson(topics.consentChanges(), "p-1", "{\"eventId\":\"crm-1\",\"profileId\":\"p-1\","
                        + "\"purposes\":[\"OPEN_MEASUREMENT\"],\"status\":\"GRANTED\",\"occurredAt\":\""
                        + now.minusSeconds(600) + "\",\"source\":\"crm\",\"wordingVersion\":\"tracking-v3\"}");
                final List<ConsumerRecord<String, ConsentState>> state = cluster.reader(topics.consentState()).read(1, WAIT);
                assertThat(state).hasSize(1);
            }
            // and project "shop" with its own tracking domain, then an update nobody can read (read at start-up)
            clients.sendJson(topics.projectSettings(), "shop", "{\"trackingBaseUrl\":\"https://t.shop.example\"}");
            clients.sendJson(topics.projectSettings(), "shop", "{\"policy\":");

            try (Running enricher = new SendEnricherApplication().start(runtime, WAIT)) {
                // when a send service writes JSON send requests, and one it should not have
                clients.sendJson(topics.sendRequests(), "m-1", Fixtures.sendJson("m-1", "p-1", "MARKETING",
                        now.minusSeconds(60), Fixtures.HTML));
                clients.sendJson(topics.sendRequests(), "m-2", Fixtures.sendJson("m-2", "p-2", "MARKETING",
                        now.minusSeconds(60), Fixtures.HTML).replace("\"variant\":\"A\"", "\"projectId\":\"shop\""));
                clients.sendJson(topics.sendRequests(), "m-3", "{\"messageId\":\"m-3\"}");

                // then tracked sends come out as Avro, decoded with the schema the registry holds for their id
                final List<ConsumerRecord<String, TrackedSend>> tracked = cluster.reader(topics.trackedSends()).read(2, WAIT);
                assertThat(tracked).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("m-1", "m-2");
                final TrackedSend personal = byKey(tracked, "m-1");
                assertThat(personal.getTrackingMode()).isEqualTo(TrackingMode.PERSONAL);
                assertThat(personal.getConsentEventId()).isEqualTo("crm-1");
                assertThat(personal.getPixelUrl()).startsWith("https://edge.test/o/");
                assertThat(personal.getHtml()).contains(personal.getPixelUrl());
                final TrackedSend anonymous = byKey(tracked, "m-2");
                assertThat(anonymous.getTrackingMode()).isEqualTo(TrackingMode.ANONYMOUS);
                assertThat(anonymous.getReason()).isEqualTo("NO_CONSENT");
                assertThat(anonymous.getPixelUrl()).startsWith("https://t.shop.example/o/");
                assertThat(runtime.registry().latest(ConfluentAvroSerde.subjectOf(topics.trackedSends().name())).schema())
                        .isEqualTo(TrackedSend.getClassSchema());

                // and the bad request is rejected with its reason
                final List<ConsumerRecord<String, RejectedRecord>> rejected = cluster.reader(topics.rejected())
                        .readUntil(list -> list.stream().anyMatch(r -> "m-3".equals(r.key())), WAIT);
                assertThat(rejected).filteredOn(r -> "m-3".equals(r.key())).singleElement()
                        .satisfies(r -> assertThat(r.value().getReason()).contains("required"));
            }
        }
    }

    /**
     * With send-requests and consent-state of one partition count, a send keyed by its profileId in
     * that key's partition is joined where it is read; one keyed by messageId, by another profile's
     * id, or by its profileId in another partition is shuffled first, and is decided by its own
     * profile's consent, never by the consent of the profile its key or partition points to.
     */
    @Test
    void sendsKeyedByTheirProfileInPlaceSkipTheShuffleAndNoOtherSendMeetsAnotherProfilesConsent() {
        final TestCluster cluster = TestCluster.shared();
        final int partitions = 3;
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of(
                CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("k1").toConfigString(),
                CommonSettings.TOPIC_PARTITIONS.key(), Integer.toString(partitions)));
        final Topics topics = runtime.topics();
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final List<String> granted = List.of("p-g1", "p-g2", "p-g3", "p-g4");
        final List<String> notGranted = List.of("p-n1", "p-n2", "p-n3", "p-n4");
        final Map<String, Boolean> personal = new HashMap<>();
        try (TestClients clients = cluster.clients()) {
            for (final String profileId : granted) {
                clients.sendAvro(topics.consentState(), profileId, Fixtures.state(profileId, Fixtures.entry(
                        Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED, now.minusSeconds(600), "crm-" + profileId)));
            }
            int inPlace = 0;
            for (int i = 0; i < granted.size(); i++) {
                for (final String profileId : List.of(granted.get(i), notGranted.get(i))) {
                    final String other = profileId.equals(granted.get(i)) ? notGranted.get(i) : granted.get(i);
                    final int own = SendRouting.partitionOf(profileId, partitions);
                    send(clients, topics, own, profileId, "in-place-" + profileId, profileId, now);
                    inPlace++;
                    send(clients, topics, null, "by-message-" + profileId, "by-message-" + profileId, profileId, now);
                    send(clients, topics, (own + 1) % partitions, profileId, "wrong-partition-" + profileId,
                            profileId, now);
                    send(clients, topics, SendRouting.partitionOf(other, partitions), other,
                            "other-key-" + profileId, profileId, now);
                    for (final String prefix : List.of("in-place-", "by-message-", "wrong-partition-", "other-key-")) {
                        personal.put(prefix + profileId, granted.contains(profileId));
                    }
                }
            }

            try (Running enricher = new SendEnricherApplication().start(runtime, WAIT)) {
                final List<ConsumerRecord<String, TrackedSend>> tracked = cluster.reader(topics.trackedSends())
                        .read(personal.size(), WAIT);

                final Map<String, Boolean> decided = new HashMap<>();
                tracked.forEach(r -> decided.put(r.key(), r.value().getTrackingMode() == TrackingMode.PERSONAL));
                assertThat(decided).as("PERSONAL exactly for the sends of granted profiles").isEqualTo(personal);
                assertThat(Fixtures.routed(runtime.meters(), SendRoute.IN_PLACE)).isEqualTo(inPlace);
                assertThat(Fixtures.routed(runtime.meters(), SendRoute.SHUFFLED)).isEqualTo(personal.size() - inPlace);
            }
        }
    }

    /** A send of {@code profileId} keyed by {@code key}, to {@code partition} or where its key goes (null). */
    private static void send(final TestClients clients, final Topics topics, final Integer partition, final String key,
                             final String messageId, final String profileId, final Instant now) {
        final String json = Fixtures.sendJson(messageId, profileId, "MARKETING", now.minusSeconds(60), null);
        if (partition == null) {
            clients.sendJson(topics.sendRequests(), key, json);
        } else {
            clients.sendJsonTo(topics.sendRequests(), partition, key, json);
        }
    }


    private static TrackedSend byKey(final List<ConsumerRecord<String, TrackedSend>> records, final String key) {
        return records.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow().value();
    }
}
