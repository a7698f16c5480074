package io.pixelgate.platform.proof;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pixelgate.events.Purpose;
import io.pixelgate.platform.proof.ConsentReceipt.PersonalFields;
import io.pixelgate.platform.proof.ProofReport.PurposeStatus;
import java.time.Instant;
import java.util.List;

/**
 * A {@link ProofReport} as JSON, field names after ISO/IEC TS 27560's elements: one document for
 * the profile, its receipts in ledger order. Times are ISO-8601, absent values null.
 */
public final class ReceiptJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReceiptJson() {
    }

    /** The report as an indented JSON document. */
    public static String of(final ProofReport report) {
        try {
            return JSON.writeValueAsString(tree(report));
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write the receipts of " + report.profileId() + " as JSON", e);
        }
    }

    static ObjectNode tree(final ProofReport report) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("receiptFormat", ProofReport.FORMAT);
        root.put("standard", ProofReport.STANDARD);
        root.put("generatedAt", report.generatedAt().toString());
        root.put("piiPrincipalId", report.profileId());
        root.putObject("piiController").put("name", report.controller().name())
                .put("contact", report.controller().contact());
        root.put("legalBasis", ProofReport.LEGAL_BASIS);
        final ObjectNode purposes = root.putObject("purposes");
        for (final Purpose purpose : Purpose.values()) {
            purposes.put(purpose.name(), ProofReport.allows(purpose));
        }
        root.putObject("source").put("topic", report.ledgerTopic()).put("partition", report.ledgerPartition());
        root.put("profileKey", report.keyState().name());
        report.erasure().ifPresentOrElse(erasure -> root.putObject("erasure").put("at", erasure.at().toString())
                .put("requestId", erasure.requestId()), () -> root.putNull("erasure"));
        final ObjectNode status = root.putObject("currentStatus");
        for (final PurposeStatus each : report.status().values().stream()
                .sorted((a, b) -> a.purpose().compareTo(b.purpose())).toList()) {
            status.putObject(each.purpose().name()).put("status", each.status()).put("since", text(each.since()))
                    .put("eventId", each.eventId());
        }
        final ArrayNode receipts = root.putArray("receipts");
        report.receipts().forEach(receipt -> receipts.add(receipt(receipt)));
        return root;
    }

    private static ObjectNode receipt(final ConsentReceipt receipt) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("receiptId", receipt.receiptId());
        node.put("eventId", receipt.eventId());
        node.put("partition", receipt.partition());
        node.put("offset", receipt.offset());
        node.put("piiPrincipalId", receipt.profileId());
        final PersonalFields personal = receipt.personal();
        final ObjectNode pii = node.putObject("personalData");
        pii.put("state", personal.state().name()).put("email", personal.email());
        pii.putObject("evidence").put("ip", personal.ip()).put("userAgent", personal.userAgent());
        pii.put("note", personal.note());
        strings(node.putArray("purposes"), receipt.purposes());
        node.put("consentStatus", receipt.status().name());
        node.put("method", receipt.method());
        final ObjectNode notice = node.putObject("notice").put("wordingVersion", receipt.wordingVersion());
        receipt.notice().ifPresentOrElse(
                onFile -> notice.put("sha256", onFile.sha256()).put("onFile", onFile.location()),
                () -> notice.putNull("sha256").put("onFile", "not on file"));
        node.put("occurredAt", text(receipt.occurredAt()));
        node.put("receivedAt", text(receipt.receivedAt()));
        node.put("recordedAt", text(receipt.recordedAt()));
        node.put("expiresAt", text(receipt.expiresAt()));
        node.put("collectedBy", receipt.source());
        node.put("ledgerEffect", receipt.effect().name());
        strings(node.putArray("appliedPurposes"), receipt.appliedPurposes());
        return node;
    }

    private static void strings(final ArrayNode array, final List<Purpose> purposes) {
        purposes.forEach(purpose -> array.add(purpose.name()));
    }

    private static String text(final Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
