package io.pixelgate.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pixelgate.consent.ConsentEventsApplication;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.app.PixelgateApplication.Running;
import io.pixelgate.platform.proof.LedgerReader;
import io.pixelgate.schemas.Topics;
import io.pixelgate.testkit.SealedLedger;
import io.pixelgate.testkit.TestClients;
import io.pixelgate.testkit.TestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code pixelgate proof} against the test cluster's broker and registry: the ledger written by the
 * real consent-events application (sealed fields, the profile's key, a real erasure request), or,
 * for the cases about reading only, by {@link SealedLedger} as consent-events writes it.
 */
class ProofCommandTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestCluster cluster = TestCluster.shared();
    private final PixelgateRuntime runtime = cluster.newRuntime(Map.of());
    private final Topics topics = runtime.topics();
    private final String prefix = CommonSettings.TOPIC_PREFIX.from(runtime.config());
    private final int partitions = 2;
    private final ObjectMapper json = new ObjectMapper();
    private final SealedLedger ledger = new SealedLedger(cluster, topics);

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void printsEveryReceiptWithTheEmailThenTheSkeletonOnceARealErasureDeletedTheKey() throws Exception {
        try (Running consentEvents = new ConsentEventsApplication().start(runtime, WAIT);
             TestClients clients = cluster.clients()) {
            // given ana's grant by the CRM with her email, and her withdrawal on the preferences page
            final int home = LedgerReader.partitionOf("ana", partitions);
            clients.sendJson(topics.consentChanges(), "ana", change("crm-1", "ana", "GRANTED", "SIGNUP_CHECKBOX",
                    "tracking-v3", AT));
            clients.sendJson(topics.consentChanges(), "ana", change("pp-2", "ana", "WITHDRAWN", "PREFERENCE_PAGE",
                    "preferences-v2.en", AT.plusSeconds(60)));
            // a profile whose key maps to her partition, and a record keyed ana placed in the other partition
            clients.sendJson(topics.consentChanges(), samePartitionAs("ana"), change("x-1", samePartitionAs("ana"),
                    "GRANTED", "API", "tracking-v3", AT));
            ledger.changeTo(1 - home, "ana", new byte[32], "misplaced", ConsentStatus.GRANTED, "tracking-v3",
                    ConsentMethod.API, AT);
            awaitLedgered("pp-2");
            awaitLedgered("x-1");

            // when proof reads her receipts
            final CommandRun before = run("proof", "ana");

            // then there is one receipt per entry of hers in her partition, with her email and evidence
            assertThat(before.exitCode()).as(before.err()).isZero();
            final JsonNode report = json.readTree(before.out());
            assertThat(report.get("source").get("partition").asInt()).isEqualTo(home);
            assertThat(report.get("source").get("topic").asText()).isEqualTo(topics.consentLedger().name());
            final JsonNode receipts = report.get("receipts");
            assertThat(eventIds(receipts)).containsExactly("crm-1", "pp-2");
            assertThat(before.out()).doesNotContain("misplaced").doesNotContain("x-1");
            for (final JsonNode receipt : receipts) {
                assertThat(receipt.get("partition").asInt()).isEqualTo(home);
                assertThat(receipt.get("personalData").get("state").asText()).isEqualTo("READABLE");
                assertThat(receipt.get("personalData").get("email").asText()).isEqualTo("ana@example.org");
                assertThat(receipt.get("personalData").get("evidence").get("userAgent").asText())
                        .isEqualTo("UA " + receipt.get("eventId").asText());
            }
            final JsonNode withdrawal = receipts.get(1);
            assertThat(withdrawal.get("receiptId").asText())
                    .isEqualTo("ledger/" + home + "/" + withdrawal.get("offset").asLong());
            assertThat(withdrawal.get("method").asText()).isEqualTo("PREFERENCE_PAGE");
            assertThat(withdrawal.get("notice").get("sha256").asText())
                    .isEqualTo(sha256(builtInWording("preferences-v2.en")));
            assertThat(withdrawal.get("ledgerEffect").asText()).isEqualTo("APPLIED");
            assertThat(report.get("currentStatus").get("OPEN_MEASUREMENT").get("status").asText()).isEqualTo("WITHDRAWN");
            assertThat(report.get("piiController").get("name").asText()).isEqualTo("not configured");
            assertThat(report.get("legalBasis").asText()).contains("6(1)(a)");

            // when a real erasure request erases her
            clients.sendJson(topics.erasureRequests(), "ana", "{\"requestId\":\"er-77\",\"profileId\":\"ana\","
                    + "\"requestedAt\":\"" + AT.plusSeconds(120) + "\",\"source\":\"dpo-desk\"}");
            awaitLedgered("er-77");
            final CommandRun after = run("proof", "ana");

            // then the receipts are the skeleton and say the personal fields were erased, and by which request
            assertThat(after.exitCode()).as(after.err()).isZero();
            final JsonNode erased = json.readTree(after.out());
            assertThat(eventIds(erased.get("receipts"))).containsExactly("crm-1", "pp-2", "er-77");
            for (final JsonNode receipt : List.of(erased.get("receipts").get(0), erased.get("receipts").get(1))) {
                assertThat(receipt.get("personalData").get("state").asText()).isEqualTo("ERASED");
                assertThat(receipt.get("personalData").get("note").asText()).contains("erased").contains("er-77");
                assertThat(receipt.get("purposes").size()).isPositive();
                assertThat(receipt.get("occurredAt").isNull()).isFalse();
            }
            assertThat(erased.get("receipts").get(2).get("ledgerEffect").asText()).isEqualTo("ERASED");
            assertThat(after.out()).doesNotContain("ana@example.org").doesNotContain("UA crm-1");
            assertThat(erased.get("erasure").get("requestId").asText()).isEqualTo("er-77");
            assertThat(erased.get("currentStatus").get("OPEN_MEASUREMENT").get("status").asText()).isEqualTo("ERASED");
            assertThat(erased.get("profileKey").asText()).isEqualTo("DELETED");

            // and the readable page says so too
            final Path page = cluster.newDirectory("proof").resolve("ana.html");
            final CommandRun html = run("proof", "ana", "--format", "html", "--output", page.toString());
            assertThat(html.exitCode()).as(html.err()).isZero();
            assertThat(Files.readString(page)).contains("<h1>Consent receipts of ana</h1>").contains("was erased at")
                    .contains("er-77").doesNotContain("ana@example.org");
        }
    }

    @Test
    void aNoticeOnFileInTheWordingsDirectoryIsHashedAndOneNotOnFileIsSaidToBeMissing() throws Exception {
        final byte[] key = ledger.newKey("bo", AT);
        ledger.change("bo", key, "crm-1", ConsentStatus.GRANTED, "tracking-v3", ConsentMethod.SIGNUP_CHECKBOX, AT);
        ledger.change("bo", key, "crm-2", ConsentStatus.GRANTED, "tracking-v4", ConsentMethod.SIGNUP_CHECKBOX, AT);
        final Path wordings = cluster.newDirectory("wordings");
        final byte[] text = "We measure whether you open our emails.\n".getBytes(StandardCharsets.UTF_8);
        Files.write(wordings.resolve("tracking-v3.txt"), text);

        final CommandRun run = run("proof", "bo", "-s", "proof.wordings.dir=" + wordings, "--format", "text");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("notice tracking-v3 sha256 " + sha256(text))
                .contains("notice tracking-v4 (text not on file)").contains(SealedLedger.email("bo", "crm-1"))
                .contains("OPEN_MEASUREMENT: GRANTED");
    }

    @Test
    void aProfileWithNoLedgerEntryIsAnErrorNamingThePartitionRead() {
        final CommandRun run = run("proof", "nobody");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("'nobody' has no entry in " + topics.consentLedger().name())
                .contains("partition " + LedgerReader.partitionOf("nobody", partitions));
    }

    @Test
    void helpNamesEveryOption() {
        final CommandRun run = run("proof", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("PROFILE").contains("--format").contains("--output").contains("--bootstrap-servers")
                .contains("--schema-registry").contains("read_committed");
    }

    /** A consent change as a CRM or the edge writes it, with an email and evidence. */
    private static String change(final String eventId, final String profileId, final String status,
                                 final String method, final String wording, final Instant at) {
        return "{\"eventId\":\"" + eventId + "\",\"profileId\":\"" + profileId + "\",\"email\":\"" + profileId
                + "@example.org\",\"purposes\":[\"OPEN_MEASUREMENT\"],\"status\":\"" + status + "\",\"occurredAt\":\""
                + at + "\",\"source\":\"crm\",\"method\":\"" + method + "\",\"wordingVersion\":\"" + wording
                + "\",\"evidence\":{\"ip\":\"203.0.113.0/24\",\"userAgent\":\"UA " + eventId + "\"}}";
    }

    /** Waits until consent-events has ledgered {@code eventId} (read_committed). */
    private void awaitLedgered(final String eventId) {
        final boolean ledgered = cluster.reader(topics.consentLedger()).readUntil(read -> read.stream()
                .anyMatch(r -> r.value().getChange().getEventId().equals(eventId)), WAIT).stream()
                .anyMatch(r -> r.value().getChange().getEventId().equals(eventId));
        assertThat(ledgered).as("%s in %s within %s", eventId, topics.consentLedger(), WAIT).isTrue();
    }

    /** Another profile whose key maps to the partition of {@code profileId}'s. */
    private String samePartitionAs(final String profileId) {
        for (int i = 0; ; i++) {
            if (LedgerReader.partitionOf("other-" + i, partitions) == LedgerReader.partitionOf(profileId, partitions)) {
                return "other-" + i;
            }
        }
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

    private CommandRun run(final String... args) {
        final List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--help")) {
            all.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry",
                    cluster.registryUrl(), "-s", CommonSettings.TOPIC_PREFIX.key() + "=" + prefix));
        }
        return CommandRun.of(all);
    }
}
