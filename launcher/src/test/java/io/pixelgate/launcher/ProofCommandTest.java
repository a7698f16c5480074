package io.pixelgate.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentEvidence;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.PersonalData;
import io.pixelgate.events.ProfileKey;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.proof.LedgerReader;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.ledger.LedgerSeal;
import io.pixelgate.testkit.TestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code pixelgate proof} against the test cluster's broker and registry. The ledger, profile-keys
 * and consent-state records are produced here as consent-events writes them under the erasure
 * contract (sealed personal fields, a profile key, and for an erasure a profile-keys tombstone and a
 * consent-state tombstone carrying the request id): consent-events does not seal or erase yet on
 * this branch.
 */
class ProofCommandTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    private final TestCluster cluster = TestCluster.shared();
    private final PixelgateRuntime runtime = cluster.newRuntime(Map.of());
    private final Topics topics = runtime.topics();
    private final String prefix = CommonSettings.TOPIC_PREFIX.from(runtime.config());
    private final int partitions = 2;
    private final ObjectMapper json = new ObjectMapper();
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0),
            new StringSerializer(), new ByteArraySerializer());

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void printsEveryReceiptWithTheEmailThenTheSkeletonOnceTheKeyIsErased() throws Exception {
        // given ana's grant on the preferences page and her withdrawal by the CRM, sealed with her key,
        final byte[] key = LedgerSeal.newKey(RANDOM);
        final int home = LedgerReader.partitionOf("ana", partitions);
        send(topics.profileKeys(), home, "ana", new ProfileKey("ana", ByteBuffer.wrap(key), AT));
        ledger(home, "ana", key, "pp-1", ConsentStatus.GRANTED, "preferences-v2.en", ConsentMethod.PREFERENCE_PAGE, AT);
        ledger(home, "ana", key, "crm-2", ConsentStatus.WITHDRAWN, null, ConsentMethod.API, AT.plusSeconds(60));
        state(home, "ana");
        // another profile in her partition, and a record keyed ana placed in the other partition
        ledger(home, "someone-else", key, "x-1", ConsentStatus.GRANTED, "tracking-v3", ConsentMethod.API, AT);
        ledger(1 - home, "ana", key, "misplaced", ConsentStatus.GRANTED, "tracking-v3", ConsentMethod.API, AT);

        // when proof reads her receipts
        final Run before = run("proof", "ana");

        // then there is one receipt per entry of her partition, with her email and evidence
        assertThat(before.exitCode).as(before.err).isZero();
        final JsonNode report = json.readTree(before.out);
        assertThat(report.get("source").get("partition").asInt()).isEqualTo(home);
        assertThat(report.get("source").get("topic").asText()).isEqualTo(topics.consentLedger().name());
        final JsonNode receipts = report.get("receipts");
        assertThat(eventIds(receipts)).containsExactly("pp-1", "crm-2");
        assertThat(before.out).doesNotContain("misplaced").doesNotContain("someone-else");
        for (final JsonNode receipt : receipts) {
            assertThat(receipt.get("partition").asInt()).isEqualTo(home);
            assertThat(receipt.get("personalData").get("state").asText()).isEqualTo("READABLE");
            assertThat(receipt.get("personalData").get("email").asText()).isEqualTo(email("ana", receipt.get("eventId").asText()));
        }
        final JsonNode grant = receipts.get(0);
        assertThat(grant.get("receiptId").asText()).isEqualTo("ledger/" + home + "/" + grant.get("offset").asLong());
        assertThat(grant.get("method").asText()).isEqualTo("PREFERENCE_PAGE");
        assertThat(grant.get("notice").get("sha256").asText()).isEqualTo(sha256(builtInWording("preferences-v2.en")));
        assertThat(grant.get("personalData").get("evidence").get("userAgent").asText()).isEqualTo("UA pp-1");
        assertThat(report.get("currentStatus").get("OPEN_MEASUREMENT").get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(report.get("piiController").get("name").asText()).isEqualTo("not configured");
        assertThat(report.get("legalBasis").asText()).contains("6(1)(a)");

        // when an erasure deletes her key and tombstones her consent state
        send(topics.profileKeys(), home, "ana", null);
        producer.send(new ProducerRecord<>(topics.consentState().name(), home, "ana", null, List.of(
                new org.apache.kafka.common.header.internals.RecordHeader(LedgerReader.ERASURE_REQUEST_HEADER,
                        "er-77".getBytes(StandardCharsets.UTF_8))))).get(30, TimeUnit.SECONDS);
        final Run after = run("proof", "ana");

        // then the receipts are the skeleton and say the personal fields were erased
        assertThat(after.exitCode).as(after.err).isZero();
        final JsonNode erased = json.readTree(after.out);
        assertThat(eventIds(erased.get("receipts"))).containsExactly("pp-1", "crm-2");
        for (final JsonNode receipt : erased.get("receipts")) {
            assertThat(receipt.get("personalData").get("state").asText()).isEqualTo("ERASED");
            assertThat(receipt.get("personalData").get("note").asText()).contains("erased").contains("er-77");
            assertThat(receipt.get("purposes").size()).isPositive();
        }
        assertThat(after.out).doesNotContain("@mail.example").doesNotContain("UA pp-1");
        assertThat(erased.get("erasure").get("requestId").asText()).isEqualTo("er-77");
        assertThat(erased.get("currentStatus").get("OPEN_MEASUREMENT").get("status").asText()).isEqualTo("ERASED");
        assertThat(erased.get("profileKey").asText()).isEqualTo("DELETED");

        // and the readable page says so too
        final Path page = cluster.newDirectory("proof").resolve("ana.html");
        final Run html = run("proof", "ana", "--format", "html", "--output", page.toString());
        assertThat(html.exitCode).as(html.err).isZero();
        assertThat(Files.readString(page)).contains("<h1>Consent receipts of ana</h1>").contains("was erased at")
                .contains("er-77").doesNotContain("@mail.example");
    }

    @Test
    void aNoticeOnFileInTheWordingsDirectoryIsHashedAndOneNotOnFileIsSaidToBeMissing() throws Exception {
        final byte[] key = LedgerSeal.newKey(RANDOM);
        final int home = LedgerReader.partitionOf("bo", partitions);
        send(topics.profileKeys(), home, "bo", new ProfileKey("bo", ByteBuffer.wrap(key), AT));
        ledger(home, "bo", key, "crm-1", ConsentStatus.GRANTED, "tracking-v3", ConsentMethod.SIGNUP_CHECKBOX, AT);
        ledger(home, "bo", key, "crm-2", ConsentStatus.GRANTED, "tracking-v4", ConsentMethod.SIGNUP_CHECKBOX, AT);
        final Path wordings = cluster.newDirectory("wordings");
        final byte[] text = "We measure whether you open our emails.\n".getBytes(StandardCharsets.UTF_8);
        Files.write(wordings.resolve("tracking-v3.txt"), text);

        final Run run = run("proof", "bo", "-s", "proof.wordings.dir=" + wordings, "--format", "text");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("notice tracking-v3 sha256 " + sha256(text))
                .contains("notice tracking-v4 (text not on file)").contains("bo-crm-1@mail.example").contains("OPEN_MEASUREMENT: GRANTED");
    }

    @Test
    void aProfileWithNoLedgerEntryIsAnErrorNamingThePartitionRead() {
        final Run run = run("proof", "nobody");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("'nobody' has no entry in " + topics.consentLedger().name())
                .contains("partition " + LedgerReader.partitionOf("nobody", partitions));
    }

    @Test
    void helpNamesEveryOption() {
        final Run run = run("proof", "--help");

        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("PROFILE").contains("--format").contains("--output").contains("--bootstrap-servers")
                .contains("--schema-registry").contains("read_committed");
    }

    private void ledger(final int partition, final String profileId, final byte[] key, final String eventId,
                        final ConsentStatus status, final String wording, final ConsentMethod method,
                        final Instant occurredAt) throws Exception {
        final ConsentChange change = ConsentChange.newBuilder().setEventId(eventId).setProfileId(profileId)
                .setPurposes(List.of(Purpose.OPEN_MEASUREMENT)).setStatus(status).setOccurredAt(occurredAt)
                .setSource(method == ConsentMethod.PREFERENCE_PAGE ? "edge" : "crm").setMethod(method)
                .setWordingVersion(wording).build();
        final PersonalData data = new PersonalData(email(profileId, eventId), new ConsentEvidence("203.0.113.0/24", "UA " + eventId));
        send(topics.consentLedger(), partition, profileId, ConsentLedgerEntry.newBuilder().setChange(change)
                .setRecordedAt(occurredAt.plusSeconds(1)).setReceivedAt(occurredAt).setEffect(LedgerEffect.APPLIED)
                .setAppliedPurposes(change.getPurposes())
                .setSealed(LedgerSeal.seal(key, profileId, eventId, data, RANDOM)).build());
    }

    private void state(final int partition, final String profileId) throws Exception {
        send(topics.consentState(), partition, profileId, ConsentState.newBuilder().setProfileId(profileId)
                .setPurposes(List.of(PurposeConsent.newBuilder().setPurpose(Purpose.OPEN_MEASUREMENT)
                        .setStatus(ConsentStatus.WITHDRAWN).setSince(AT.plusSeconds(60)).setEventId("crm-2").build()))
                .setUpdatedAt(AT.plusSeconds(61)).build());
    }

    private <V extends SpecificRecord> void send(final Topic<V> topic, final int partition, final String key,
                                                 final V value) throws Exception {
        final byte[] bytes = value == null ? null : topic.valueSerde().encode(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), partition, key, bytes)).get(30, TimeUnit.SECONDS);
    }

    private static String email(final String profileId, final String eventId) {
        return profileId + "-" + eventId + "@mail.example";
    }

    private static List<String> eventIds(final JsonNode receipts) {
        final List<String> ids = new ArrayList<>();
        receipts.forEach(receipt -> ids.add(receipt.get("eventId").asText()));
        return ids;
    }

    private static byte[] builtInWording(final String version) throws Exception {
        try (var in = ProofCommandTest.class.getClassLoader().getResourceAsStream("wording/" + version + ".properties")) {
            return in.readAllBytes();
        }
    }

    private static String sha256(final byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Run run(final String... args) {
        final List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--help")) {
            all.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry",
                    cluster.registryUrl(), "-s", CommonSettings.TOPIC_PREFIX.key() + "=" + prefix));
        }
        final CommandLine cli = Main.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        final int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
