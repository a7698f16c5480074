package io.pixelgate.platform.proof;

import io.pixelgate.events.Purpose;
import io.pixelgate.platform.proof.ConsentReceipt.PersonalFields;
import io.pixelgate.platform.proof.ProofReport.PurposeStatus;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A {@link ProofReport} as plain text, for a terminal. */
public final class ReceiptText {

    private ReceiptText() {
    }

    public static String of(final ProofReport report) {
        final StringBuilder text = new StringBuilder(2048)
                .append("Consent receipts of ").append(report.profileId()).append('\n')
                .append("  controller:   ").append(report.controller().name()).append(" (")
                .append(report.controller().contact()).append(")\n")
                .append("  legal basis:  ").append(ProofReport.LEGAL_BASIS).append('\n')
                .append("  read from:    ").append(report.ledgerTopic()).append(" partition ")
                .append(report.ledgerPartition()).append('\n')
                .append("  generated at: ").append(report.generatedAt()).append('\n');
        report.erasure().ifPresent(erasure -> text.append("  ERASED at ").append(erasure.at())
                .append(" (request ").append(erasure.requestId()).append(")")
                .append(": personal fields recorded before are unreadable, their key is deleted\n"));
        text.append("\nStatus now\n");
        for (final Purpose purpose : Purpose.values()) {
            final PurposeStatus status = report.status().get(purpose);
            text.append("  ").append(purpose.name()).append(": ").append(status.status())
                    .append(status.since() == null ? "" : " since " + status.since())
                    .append(status.eventId() == null ? "" : " (" + status.eventId() + ")").append('\n');
        }
        for (final ConsentReceipt receipt : report.receipts()) {
            final PersonalFields personal = receipt.personal();
            text.append("\n").append(receipt.receiptId()).append("  ").append(receipt.eventId()).append("  ")
                    .append(receipt.status()).append(' ')
                    .append(receipt.purposes().stream().map(Purpose::name).collect(Collectors.joining(",")))
                    .append("  ").append(receipt.effect()).append('\n')
                    .append("  occurred ").append(receipt.occurredAt()).append(", recorded ").append(receipt.recordedAt())
                    .append(", by ").append(receipt.source()).append(", method ")
                    .append(receipt.method() == null ? "-" : receipt.method()).append('\n')
                    .append("  notice ").append(ReceiptHtml.notice(receipt)).append('\n')
                    .append("  personal data: ").append(personal.state());
            final String shown = Stream.of(labelled("email", personal.email()), labelled("ip", personal.ip()),
                    labelled("user agent", personal.userAgent())).filter(Objects::nonNull).collect(Collectors.joining(", "));
            text.append(shown.isEmpty() ? "" : " " + shown);
            text.append(" - ").append(personal.note()).append('\n');
        }
        return text.toString();
    }

    private static String labelled(final String label, final String value) {
        return value == null ? null : label + " " + value;
    }
}
