package io.pixelgate.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.SendCategory;
import io.pixelgate.events.SendRequest;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import io.pixelgate.schemas.serde.InputDecoder;
import io.pixelgate.schemas.serde.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InputDecodingTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Topics topics = Topics.create("pixelgate.", 1000, registry, InputLimitsTest.limitsWithValueBytes(1024));
    private final InputDecoder<ConsentChange> consent = topics.consentChanges().decoder();
    private final InputDecoder<SendRequest> sends = Topics.create("pixelgate.", 1000, registry).sendRequests().decoder();

    @Test
    void jsonWithSpecFieldsDecodesIntoTheGeneratedType() {
        final ConsentChange change = consent.decode(utf8("""
                { "eventId": "crm-8812", "profileId": "p-42", "email": "ana@example.org",
                  "purposes": ["OPEN_MEASUREMENT", "ENGAGEMENT_PROFILING"],
                  "status": "GRANTED", "occurredAt": "2026-11-22T10:00:00Z",
                  "source": "crm", "method": "SIGNUP_CHECKBOX", "wordingVersion": "tracking-v3",
                  "evidence": { "ip": "203.0.113.7", "userAgent": "Mozilla/5.0 ..." },
                  "expiresAt": null, "someFutureField": 1 }"""), InputLimitsTest.RECEIVED);

        assertThat(change.getPurposes()).containsExactly(Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING);
        assertThat(change.getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(change.getMethod()).isEqualTo(ConsentMethod.SIGNUP_CHECKBOX);
        assertThat(change.getEvidence().getUserAgent()).isEqualTo("Mozilla/5.0 ...");
        assertThat(change.getExpiresAt()).isNull();
    }

    @Test
    void missingOptionalFieldsTakeTheirSchemaDefaults() {
        final SendRequest send = sends.decode(utf8("""
                {"messageId":"m-1","profileId":"p-1","campaignId":"c","category":"MARKETING",
                 "requestedAt":"2026-11-22T10:05:00Z"}"""), InputLimitsTest.RECEIVED);

        assertThat(send.getProjectId()).isEqualTo("default");
        assertThat(send.getVariant()).isNull();
        assertThat(send.getCategory()).isEqualTo(SendCategory.MARKETING);
    }

    @Test
    void errorsNameTheFieldAndTheRule() {
        assertThatThrownBy(() -> sends.decode(utf8("{\"messageId\":\"m\",\"profileId\":\"p\",\"campaignId\":\"c\","
                + "\"category\":\"MARKETING\",\"requestedAt\":\"yesterday\"}"), InputLimitsTest.RECEIVED))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field 'requestedAt'").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> consent.decode(utf8("{\"eventId\":\"e\",\"profileId\":\"p\",\"purposes\":[\"SPYING\"],"
                + "\"status\":\"GRANTED\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"source\":\"crm\"}"), InputLimitsTest.RECEIVED))
                .hasMessage("field 'purposes[0]': 'SPYING' is not one of OPEN_MEASUREMENT, ENGAGEMENT_PROFILING, "
                        + "CROSS_CHANNEL");
        assertThatThrownBy(() -> consent.decode(utf8("{\"eventId\":7}"), InputLimitsTest.RECEIVED))
                .hasMessage("field 'eventId': must be a string");
        assertThatThrownBy(() -> consent.decode(utf8("[1,2]"), InputLimitsTest.RECEIVED))
                .hasMessageContaining("neither Confluent-framed Avro");
    }

    @Test
    void framedAvroRoundTripsAndAWriterSchemaOfAnotherTypeIsRefused() {
        final ConsentChange change = ConsentChange.newBuilder().setEventId("e").setProfileId("p")
                .setPurposes(List.of(Purpose.CROSS_CHANNEL)).setStatus(ConsentStatus.DENIED)
                .setOccurredAt(Instant.parse("2026-11-22T10:00:00Z")).setSource("crm").build();
        final byte[] framed = topics.consentChanges().valueSerde().encode(topics.consentChanges().name(), change);
        assertThat(consent.decode(framed, InputLimitsTest.RECEIVED)).isEqualTo(change);

        final Schema other = SchemaBuilder.record("Other").namespace("x").fields().requiredString("a").endRecord();
        final int otherId = registry.register("other-value", other);
        final byte[] wrong = ByteBuffer.allocate(6).put((byte) 0).putInt(otherId).put((byte) 0).array();
        assertThatThrownBy(() -> consent.decode(wrong, InputLimitsTest.RECEIVED)).hasMessageContaining("is x.Other, expected");
    }

    @Test
    void valuesOverTheLimitAreRejectedUnread() {
        assertThatThrownBy(() -> consent.decode(new byte[2048], InputLimitsTest.RECEIVED))
                .hasMessage("value of 2048 bytes is over the limit of 1024 bytes (input.max.value.bytes)");
    }

    @Test
    void truncatedAvroIsRejectedNotThrownAsSomethingElse() {
        final ConsentChange change = ConsentChange.newBuilder().setEventId("e").setProfileId("p")
                .setPurposes(List.of(Purpose.CROSS_CHANNEL)).setStatus(ConsentStatus.DENIED)
                .setOccurredAt(Instant.parse("2026-11-22T10:00:00Z")).setSource("crm").build();
        final byte[] framed = topics.consentChanges().valueSerde().encode(topics.consentChanges().name(), change);
        final byte[] truncated = Arrays.copyOf(framed, framed.length - 3);

        assertThatThrownBy(() -> consent.decode(truncated, InputLimitsTest.RECEIVED)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not decode as io.pixelgate.events.ConsentChange");
    }

    @Test
    void theReusedEncoderAndDecoderCarryNothingFromOneValueToTheNext() {
        final var serde = topics.sendRequests().valueSerde();
        final String topic = topics.sendRequests().name();
        final SendRequest large = send("m-large", "<p>" + "x".repeat(200_000) + "</p>");
        final SendRequest small = send("m-small", null);

        // fails at category, after the encoder has taken the three ids before it
        final SendRequest failsHalfWay = new SendRequest();
        failsHalfWay.setMessageId("m-failed");
        failsHalfWay.setProfileId("p-1");
        failsHalfWay.setCampaignId("c");
        assertThatThrownBy(() -> serde.encode(topic, failsHalfWay)).isInstanceOf(IllegalArgumentException.class);
        final byte[] smallBytes = serde.encode(topic, small);
        final byte[] largeBytes = serde.encode(topic, large);
        assertThatThrownBy(() -> sends.decode(Arrays.copyOf(largeBytes, largeBytes.length / 2), InputLimitsTest.RECEIVED))
                .isInstanceOf(InvalidInputException.class);

        assertThat(sends.decode(smallBytes, InputLimitsTest.RECEIVED)).isEqualTo(small);
        assertThat(sends.decode(largeBytes, InputLimitsTest.RECEIVED)).isEqualTo(large);
        assertThat(serde.encode(topic, small)).isEqualTo(smallBytes).hasSizeLessThan(100);
    }

    private static SendRequest send(final String messageId, final String html) {
        return SendRequest.newBuilder().setMessageId(messageId).setProfileId("p-1").setCampaignId("c")
                .setCategory(SendCategory.MARKETING).setRequestedAt(Instant.parse("2026-11-22T10:05:00Z"))
                .setHtml(html).build();
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
