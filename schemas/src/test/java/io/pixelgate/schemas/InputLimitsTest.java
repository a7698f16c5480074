package io.pixelgate.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.SendRequest;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import io.pixelgate.schemas.registry.SchemaRegistryClient;
import io.pixelgate.schemas.registry.SchemaRegistryException;
import io.pixelgate.schemas.serde.InputDecoder;
import io.pixelgate.schemas.serde.InputLimits;
import io.pixelgate.schemas.serde.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** What an input value may hold (SPEC.md section 5): every refusal names the field, the limit and the setting. */
class InputLimitsTest {

    /** When the records of these tests reached the cluster. */
    static final long RECEIVED = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Topics topics = Topics.create("pixelgate.", 1000, registry);
    private final InputDecoder<ConsentChange> consent = topics.consentChanges().decoder();
    private final InputDecoder<SendRequest> sends = topics.sendRequests().decoder();

    static InputLimits limitsWithValueBytes(final int maxValueBytes) {
        final InputLimits d = InputLimits.defaults();
        return new InputLimits(maxValueBytes, d.maxKeyBytes(), d.maxIdChars(), d.maxTextChars(), d.maxHtmlBytes(),
                d.maxCollectionItems(), d.maxClockSkew(), d.minEventTime());
    }

    @Test
    void anIdentifierOverItsLimitIsRefusedNamingTheFieldTheLimitAndTheSetting() {
        final String json = change("\"profileId\":\"" + "p".repeat(600_000) + "\"", "2026-11-30T10:00:00Z");
        final InputDecoder<ConsentChange> large = Topics.create("pixelgate.", 1000, registry,
                limitsWithValueBytes(2 * 1024 * 1024)).consentChanges().decoder();

        assertThatThrownBy(() -> large.decode(utf8(json), RECEIVED))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("field 'profileId': 600000 characters, over the limit of 128 (input.max.id.chars)");
    }

    @Test
    void nestedFreeTextHtmlAndCollectionsHaveTheirOwnLimits() {
        assertThatThrownBy(() -> consent.decode(utf8(change("\"profileId\":\"p\",\"evidence\":{\"userAgent\":\""
                + "u".repeat(3000) + "\"}", "2026-11-30T10:00:00Z")), RECEIVED))
                .hasMessage("field 'evidence.userAgent': 3000 characters, over the limit of 2048 (input.max.text.chars)");
        final String html = "\u00e9".repeat(300 * 1024);
        assertThatThrownBy(() -> sends.decode(utf8(send("\"html\":\"" + html + "\"")), RECEIVED))
                .hasMessage("field 'html': 614400 bytes, over the limit of 524288 (input.max.html.bytes)");
        final String many = "\"OPEN_MEASUREMENT\",".repeat(150) + "\"OPEN_MEASUREMENT\"";
        assertThatThrownBy(() -> consent.decode(utf8(change("\"profileId\":\"p\"", "2026-11-30T10:00:00Z")
                .replace("[\"OPEN_MEASUREMENT\"]", "[" + many + "]")), RECEIVED))
                .hasMessage("field 'purposes': 151 items, over the limit of 100 (input.max.collection.items)");
    }

    @Test
    void eventTimesBefore2000OrFurtherAheadThanTheSkewOfTheirArrivalAreRefused() {
        assertThatThrownBy(() -> consent.decode(utf8(change("\"profileId\":\"p\"", "1969-07-20T20:17:00Z")), RECEIVED))
                .hasMessage("field 'occurredAt': 1969-07-20T20:17:00Z is before 2000-01-01T00:00:00Z, the oldest time "
                        + "accepted (input.min.event.time)");
        assertThatThrownBy(() -> consent.decode(utf8(change("\"profileId\":\"p\"", "2026-12-01T10:30:00Z")), RECEIVED))
                .hasMessage("field 'occurredAt': 2026-12-01T10:30:00Z is PT30M ahead of when the record was received "
                        + "(2026-12-01T10:00:00Z), more than the PT15M allowed (input.max.clock.skew)");
        assertThat(consent.decode(utf8(change("\"profileId\":\"p\"", "2026-12-01T10:14:00Z")), RECEIVED)
                .getOccurredAt()).isEqualTo(Instant.parse("2026-12-01T10:14:00Z"));
        // an expiry is no event time: it may lie far ahead, but not beyond what Avro can hold
        assertThat(consent.decode(utf8(change("\"profileId\":\"p\",\"expiresAt\":\"2036-01-01T00:00:00Z\"",
                "2026-11-30T10:00:00Z")), RECEIVED).getExpiresAt()).isEqualTo(Instant.parse("2036-01-01T00:00:00Z"));
        assertThatThrownBy(() -> consent.decode(utf8(change("\"profileId\":\"p\",\"expiresAt\":\"+100000-01-01T00:00:00Z\"",
                "2026-11-30T10:00:00Z")), RECEIVED)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field 'expiresAt'");
    }

    @Test
    void jsonThatIsNotValidUtf8IsRefusedNotRepaired() {
        final byte[] json = utf8(change("\"profileId\":\"p-\u00e9\"", "2026-11-30T10:00:00Z"));
        final int e = indexOf(json, (byte) 0xC3);
        json[e + 1] = (byte) 0x28; // 0xC3 0x28: a lead byte without its continuation

        assertThatThrownBy(() -> consent.decode(json, RECEIVED))
                .hasMessage("value is not valid UTF-8: malformed byte sequence at offset " + e);
    }

    @Test
    void aKeyGivenTwiceIsRefusedRatherThanTheLastOneWinning() {
        final String json = change("\"profileId\":\"p\"", "2026-11-30T10:00:00Z")
                .replace("\"status\":\"WITHDRAWN\"", "\"status\":\"WITHDRAWN\",\"source\":\"x\",\"status\":\"GRANTED\"");

        assertThatThrownBy(() -> consent.decode(utf8(json), RECEIVED))
                .hasMessage("field 'status': given more than once; each field may appear once");
    }

    @Test
    void avroDeclaringAHugeArrayOrStringIsRefusedBeforeAnythingIsAllocated() throws Exception {
        final int id = topics.consentChanges().registerSchema();
        // eventId "e", profileId "p", email null, then purposes declaring 2^30 items: ten bytes or so, which
        // Avro alone would answer with an array of 2^30 references (4 to 8 GB)
        final byte[] hugeArray = framed(id, encoder -> {
            encoder.writeString("e");
            encoder.writeString("p");
            encoder.writeIndex(0);
            encoder.writeArrayStart();
            encoder.setItemCount(1 << 30);
        });
        assertThatThrownBy(() -> consent.decode(hugeArray, RECEIVED))
                .hasMessage("field 'purposes': an array declares a block of 1073741824 items, over the limit of 100 "
                        + "(input.max.collection.items)");

        final byte[] hugeString = framed(id, encoder -> encoder.writeLong(1 << 30));
        assertThatThrownBy(() -> consent.decode(hugeString, RECEIVED))
                .hasMessageStartingWith("field 'eventId': a string declares 1073741824 bytes in a value of");
    }

    @Test
    void aSchemaIdTheRegistryRefusesIsRejectedWithItsStatusAndRememberedWhileOneItCannotServeNowIsRetried() {
        final AtomicInteger calls = new AtomicInteger();
        final Topics refusing = Topics.create("pixelgate.", 1000, new FailingRegistry(calls, 403));
        final byte[] value = ByteBuffer.allocate(6).put((byte) 0).putInt(42).put((byte) 0).array();

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> refusing.consentChanges().decoder().decode(value, RECEIVED))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("schema id 42 was refused by the registry (HTTP 403)");
        }
        assertThat(calls).hasValue(1);

        for (final int transientStatus : List.of(-1, 429, 503)) {
            final Topics failing = Topics.create("pixelgate.", 1000, new FailingRegistry(calls, transientStatus));
            assertThatThrownBy(() -> failing.consentChanges().decoder().decode(value, RECEIVED))
                    .isInstanceOf(SchemaRegistryException.class);
        }
    }

    private static String change(final String profile, final String occurredAt) {
        return "{\"eventId\":\"e-1\"," + profile + ",\"purposes\":[\"OPEN_MEASUREMENT\"],\"status\":\"WITHDRAWN\","
                + "\"occurredAt\":\"" + occurredAt + "\",\"source\":\"crm\"}";
    }

    private static String send(final String extra) {
        return "{\"messageId\":\"m\",\"profileId\":\"p\",\"campaignId\":\"c\",\"category\":\"MARKETING\","
                + "\"requestedAt\":\"2026-11-30T10:00:00Z\"," + extra + "}";
    }

    private interface Body {
        void write(BinaryEncoder encoder) throws Exception;
    }

    private static byte[] framed(final int id, final Body body) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        body.write(encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static int indexOf(final byte[] bytes, final byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no byte " + b);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A registry whose every lookup by id fails with {@code status} (-1: unreachable). */
    private record FailingRegistry(AtomicInteger calls, int status) implements SchemaRegistryClient {

        @Override
        public int register(final String subject, final Schema schema) {
            return 1;
        }

        @Override
        public Schema byId(final int id) {
            calls.incrementAndGet();
            throw new SchemaRegistryException("registry answered " + status, status, null);
        }

        @Override
        public RegisteredSchema latest(final String subject) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "failing registry";
        }
    }
}
