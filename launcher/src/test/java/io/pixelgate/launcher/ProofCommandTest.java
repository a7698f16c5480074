package io.pixelgate.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.proof.LedgerReader;
import io.pixelgate.schemas.Topics;
import io.pixelgate.testkit.SealedLedger;
import io.pixelgate.testkit.TestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code pixelgate proof} against the test cluster's broker and registry. The ledger, profile-keys
 * and consent-state records are produced by {@link SealedLedger} as consent-events writes them under
 * the erasure contract: consent-events does not seal or erase yet on this branch.
 */
class ProofCommandTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

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
    void printsEveryReceiptWithTheEmailThenTheSkeletonOnceTheKeyIsErased() throws Exception {
        // given ana's grant on the preferences page and her withdrawal by the CRM, sealed with her key,
        final int home = LedgerReader.partitionOf("ana", partitions);
        final byte[] key = ledger.newKey("ana", AT);
        ledger.change("ana", key, "pp-1", ConsentStatus.GRANTED, "preferences-v2.en", ConsentMethod.PREFERENCE_PAGE, AT);
        ledger.change("ana", key, "crm-2", ConsentStatus.WITHDRAWN, null, ConsentMethod.API, AT.plusSeconds(60));
        ledger.state("ana", ConsentStatus.WITHDRAWN, "crm-2", AT.plusSeconds(60));
        // a profile whose key maps to her partition, and a record keyed ana placed in the other partition
        ledger.change(samePartitionAs("ana"), key, "x-1", ConsentStatus.GRANTED, "tracking-v3", ConsentMethod.API, AT);
        ledger.changeTo(1 - home, "ana", key, "misplaced", ConsentStatus.GRANTED, "tracking-v3", ConsentMethod.API, AT);

        // when proof reads her receipts
        final Run before = run("proof", "ana");

        // then there is one receipt per entry of hers in her partition, with her email and evidence
        assertThat(before.exitCode).as(before.err).isZero();
        final JsonNode report = json.readTree(before.out);
        assertThat(report.get("source").get("partition").asInt()).isEqualTo(home);
        assertThat(report.get("source").get("topic").asText()).isEqualTo(topics.consentLedger().name());
        final JsonNode receipts = report.get("receipts");
        assertThat(eventIds(receipts)).containsExactly("pp-1", "crm-2");
        assertThat(before.out).doesNotContain("misplaced").doesNotContain("x-1");
        for (final JsonNode receipt : receipts) {
            assertThat(receipt.get("partition").asInt()).isEqualTo(home);
            assertThat(receipt.get("personalData").get("state").asText()).isEqualTo("READABLE");
            assertThat(receipt.get("personalData").get("email").asText())
                    .isEqualTo(SealedLedger.email("ana", receipt.get("eventId").asText()));
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
        ledger.erase("ana", "er-77");
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
        final byte[] key = ledger.newKey("bo", AT);
        ledger.change("bo", key, "crm-1", ConsentStatus.GRANTED, "tracking-v3", ConsentMethod.SIGNUP_CHECKBOX, AT);
        ledger.change("bo", key, "crm-2", ConsentStatus.GRANTED, "tracking-v4", ConsentMethod.SIGNUP_CHECKBOX, AT);
        final Path wordings = cluster.newDirectory("wordings");
        final byte[] text = "We measure whether you open our emails.\n".getBytes(StandardCharsets.UTF_8);
        Files.write(wordings.resolve("tracking-v3.txt"), text);

        final Run run = run("proof", "bo", "-s", "proof.wordings.dir=" + wordings, "--format", "text");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("notice tracking-v3 sha256 " + sha256(text))
                .contains("notice tracking-v4 (text not on file)").contains(SealedLedger.email("bo", "crm-1"))
                .contains("OPEN_MEASUREMENT: GRANTED");
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
