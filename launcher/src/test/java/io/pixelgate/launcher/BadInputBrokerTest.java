package io.pixelgate.launcher;

import io.pixelgate.events.RejectedRecord;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.system.Applications;
import io.pixelgate.testkit.TestClients;
import io.pixelgate.testkit.TestCluster;
import io.pixelgate.testkit.TopicReader;
import io.pixelgate.tokens.TokenKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC.md section 5 through the real broker, which enforces what a topology test driver does not
 * (record sizes, timestamps): for every topic an application reads, each kind of bad input, then a
 * valid record that must still be processed; then the applications restart on the same data and
 * reach RUNNING, and process the next record.
 */
class BadInputBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> STREAMS_APPS = List.of("consent-events", "send-enricher", "open-aggregator");

    @Test
    void noBadRecordStopsAnApplicationAndEachLandsInRejectedWithItsReason() {
        final TestCluster cluster = TestCluster.shared();
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of(CommonSettings.TOKEN_KEYS.key(),
                TokenKeys.generate("bad").toConfigString()));
        final Topics topics = runtime.topics();
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final List<Expected> expected = new ArrayList<>();
        try (TestClients clients = cluster.clients()) {
            try (Applications apps = start(runtime)) {
                badConsentChanges(clients, topics, now, expected);
                badSendRequests(clients, topics, now, expected);
                badProjectSettings(clients, topics, expected);
                badHits(clients, topics.openHits(), now, expected);
                badHits(clients, topics.clickHits(), now, expected);
                clients.sendRaw(topics.trackedSends(), "t-x", new byte[] {1, 2, 3});
                expected.add(new Expected(topics.trackedSends(), "neither Confluent-framed Avro"));
                clients.sendRaw(topics.consentState(), "s-x", new byte[] {0, 0, 0, 0x7f, 0x7f});
                expected.add(new Expected(topics.consentState(), "schema id"));

                // then every valid record that followed the bad ones was processed
                awaitOne(cluster.reader(topics.consentLedger()), r -> r.key().equals("p-valid"));
                awaitOne(cluster.reader(topics.trackedSends()).skippingUndecodable(), r -> r.key().equals("m-valid"));
                awaitOne(cluster.reader(topics.campaignStats()), r -> r.key().equals("_rejected")
                        && r.value().getRejectedHits() >= 2);
                // and every bad one is on the rejected topic, naming its topic and what is wrong
                final List<ConsumerRecord<String, RejectedRecord>> rejected = cluster.reader(topics.rejected())
                        .readUntil(list -> expected.stream().allMatch(e -> e.foundIn(list)), WAIT);
                assertThat(expected).allSatisfy(e -> assertThat(e.foundIn(rejected))
                        .as("a rejection from %s containing '%s' among %s", e.topic().name(), e.reason(),
                                rejected.stream().map(r -> r.value().getSourceTopic() + ": " + r.value().getReason())
                                        .toList())
                        .isTrue());
                assertThat(rejected).allSatisfy(r -> assertThat(r.serializedValueSize()).isLessThan(128 * 1024));
            }

            // when the applications restart on the same data, they reach RUNNING (start() waits for it)
            try (Applications restarted = start(runtime)) {
                clients.sendJson(topics.sendRequests(), "m-after", send("m-after", "p-1", now.minusSeconds(5), null));
                awaitOne(cluster.reader(topics.trackedSends()).skippingUndecodable(), r -> r.key().equals("m-after"));
            }
        }
    }

    private static void badConsentChanges(final TestClients clients, final Topics topics, final Instant now,
                                          final List<Expected> expected) {
        final Topic<?> topic = topics.consentChanges();
        clients.sendJson(topic, "p-1", change("e-1", "p".repeat(600 * 1024), now.minusSeconds(60)));
        expected.add(new Expected(topic, "field 'profileId': 614400 characters, over the limit of 128"));
        clients.sendJson(topic, "p-1", change("e-2", "p-1", Instant.parse("1969-07-20T20:17:00Z")));
        expected.add(new Expected(topic, "before 2000-01-01T00:00:00Z"));
        clients.sendJson(topic, "p-1", change("e-3", "p-1", now.plus(Duration.ofMinutes(30))));
        expected.add(new Expected(topic, "input.max.clock.skew"));
        clients.sendJson(topic, "p-1", change("e-4", "p-1", now.minusSeconds(60))
                .replace("\"status\":\"GRANTED\"", "\"status\":\"WITHDRAWN\",\"status\":\"GRANTED\""));
        expected.add(new Expected(topic, "field 'status': given more than once"));
        final byte[] notUtf8 = change("e-5", "p-\u00e9", now.minusSeconds(60)).getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 10] = (byte) 0xFF;
        clients.sendRaw(topic, "p-1", notUtf8);
        expected.add(new Expected(topic, "not valid UTF-8"));
        clients.sendRaw(topic, "p-1", hugeArray(topics.consentChanges().registerSchema()));
        expected.add(new Expected(topic, "over the limit of 100 (input.max.collection.items)"));
        clients.sendRaw(topic, "p-1", new byte[2 * 1024 * 1024]);
        expected.add(new Expected(topic, "over the limit of 1048576 bytes"));
        clients.sendRaw(topic, "k".repeat(4000), change("e-6", "p-1", now.minusSeconds(60)).getBytes(StandardCharsets.UTF_8));
        expected.add(new Expected(topic, "input.max.key.bytes"));
        clients.sendRaw(topic, "p-1", ByteBuffer.allocate(8).put((byte) 0).putInt(987_654_321).array());
        expected.add(new Expected(topic, "schema id 987654321 is unknown"));
        clients.sendRaw(topic, "p-1", null);
        expected.add(new Expected(topic, "value is null"));
        clients.sendJson(topic, "p-valid", change("e-valid", "p-valid", now.minusSeconds(60)));
    }

    private static void badSendRequests(final TestClients clients, final Topics topics, final Instant now,
                                        final List<Expected> expected) {
        final Topic<?> topic = topics.sendRequests();
        final String links = "<a href=\"https://shop.example/x\">x</a>".repeat(12_000);
        clients.sendJson(topic, "m-links", send("m-links", "p-1", now.minusSeconds(30), links));
        expected.add(new Expected(topic, "links to track, over the limit of 2000"));
        clients.sendJson(topic, "m-html", send("m-html", "p-1", now.minusSeconds(30), "x".repeat(600 * 1024)));
        expected.add(new Expected(topic, "over the limit of 524288 (input.max.html.bytes)"));
        clients.sendJson(topic, "m-old", send("m-old", "p-1", Instant.parse("1960-01-01T00:00:00Z"), null));
        expected.add(new Expected(topic, "field 'requestedAt'"));
        clients.sendJson(topic, "m-late", send("m-late", "p-1", now.plus(Duration.ofDays(2)), null));
        expected.add(new Expected(topic, "input.max.clock.skew"));
        clients.sendJson(topic, "m-valid", send("m-valid", "p-1", now.minusSeconds(30), null));
    }

    private static void badProjectSettings(final TestClients clients, final Topics topics,
                                           final List<Expected> expected) {
        final Topic<?> topic = topics.projectSettings();
        clients.sendJson(topic, "shop", "garbage");
        expected.add(new Expected(topic, "neither Confluent-framed Avro"));
        clients.sendJson(topic, "shop", "{\"policy\":");
        expected.add(new Expected(topic, "invalid JSON"));
        clients.sendJson(topic, "shop", "{\"clickTracking\":\"yes\"}");
        expected.add(new Expected(topic, "field 'clickTracking': must be true or false"));
        clients.sendJson(topic, "shop", "{\"policy\":\"NEVER\"}");
        expected.add(new Expected(topic, "field 'policy': 'NEVER' is not one of"));
        clients.sendRaw(topic, "shop", new byte[] {0, 0, 0, 0, 0, 1});
        expected.add(new Expected(topic, "schema id"));
    }

    private static void badHits(final TestClients clients, final Topic<?> topic, final Instant now,
                                final List<Expected> expected) {
        clients.sendJson(topic, "invalid", hit("h-ua", now, "u".repeat(5000)));
        expected.add(new Expected(topic, "field 'userAgent': 5000 characters, over the limit of 2048"));
        clients.sendJson(topic, "invalid", hit("h-old", Instant.parse("1999-12-31T23:00:00Z"), "Mozilla/5.0"));
        expected.add(new Expected(topic, "field 'receivedAt'"));
        clients.sendJson(topic, "invalid", hit("h-valid", now, "Mozilla/5.0 (Windows NT 10.0)"));
    }

    private static String change(final String eventId, final String profileId, final Instant occurredAt) {
        return "{\"eventId\":\"" + eventId + "\",\"profileId\":\"" + profileId + "\",\"purposes\":[\"OPEN_MEASUREMENT\"],"
                + "\"status\":\"GRANTED\",\"occurredAt\":\"" + occurredAt + "\",\"source\":\"crm\","
                + "\"wordingVersion\":\"tracking-v3\"}";
    }

    private static String send(final String messageId, final String profileId, final Instant requestedAt,
                               final String body) {
        return "{\"messageId\":\"" + messageId + "\",\"profileId\":\"" + profileId + "\",\"campaignId\":\"c\","
                + "\"category\":\"MARKETING\",\"requestedAt\":\"" + requestedAt + "\""
                + (body == null ? "" : ",\"html\":\"<html><body>" + body.replace("\"", "\\\"") + "</body></html>\"")
                + "}";
    }

    private static String hit(final String hitId, final Instant receivedAt, final String userAgent) {
        return "{\"hitId\":\"" + hitId + "\",\"kind\":\"OPEN\",\"token\":\"not-a-token\",\"receivedAt\":\""
                + receivedAt + "\",\"userAgent\":\"" + userAgent + "\"}";
    }

    /** A framed consent change of a few bytes whose purposes array declares 2^30 items. */
    private static byte[] hugeArray(final int schemaId) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(schemaId).array());
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            encoder.writeString("e");
            encoder.writeString("p");
            encoder.writeIndex(0);
            encoder.writeArrayStart();
            encoder.setItemCount(1 << 30);
            encoder.flush();
            return out.toByteArray();
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Applications start(final PixelgateRuntime runtime) {
        final List<PixelgateApplication> streams = Applications.available().stream()
                .filter(app -> STREAMS_APPS.contains(app.name())).toList();
        return Applications.start(streams, runtime, WAIT);
    }

    private static <V extends SpecificRecord> void awaitOne(
            final TopicReader<V> reader, final Predicate<ConsumerRecord<String, V>> wanted) {
        final List<ConsumerRecord<String, V>> read = reader.readUntil(list -> list.stream().anyMatch(wanted), WAIT);
        assertThat(read).as("a record as wanted").anyMatch(wanted);
    }

    /** A rejection expected from {@code topic} whose reason contains {@code reason}. */
    private record Expected(Topic<?> topic, String reason) {
        boolean foundIn(final List<ConsumerRecord<String, RejectedRecord>> rejected) {
            return rejected.stream().anyMatch(r -> r.value().getSourceTopic().equals(topic.name())
                    && r.value().getReason().contains(reason));
        }
    }
}
