package io.pixelgate.platform.proof;

import io.pixelgate.events.Purpose;
import io.pixelgate.platform.proof.ConsentReceipt.PersonalFields;
import io.pixelgate.platform.proof.ProofReport.PurposeStatus;
import io.pixelgate.platform.text.HtmlEscaping;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A {@link ProofReport} as HTML: {@link #body} is the content (the edge puts it in the look of its
 * preferences pages), {@link #page} a standalone page for {@code pixelgate proof --format html}.
 * Every text is escaped; no script.
 */
public final class ReceiptHtml {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;line-height:1.5;color:#1d2330;"
            + "max-width:60rem;margin:0 auto;padding:1rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
            + "th,td{text-align:left;vertical-align:top;padding:.3rem 1rem .3rem 0;border-bottom:1px solid #e1e4ea}"
            + ".erased{border-left:4px solid #b3261e;background:#fdecea;padding:.4rem .8rem}";

    private ReceiptHtml() {
    }

    /** A whole page of the report. */
    public static String page(final ProofReport report) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Consent receipts of "
                + e(report.profileId()) + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
                + "<h1>Consent receipts of " + e(report.profileId()) + "</h1>\n" + body(report) + "</main>\n</body>\n</html>\n";
    }

    /** The report's content: what the receipts share, each purpose's status, then every receipt. */
    public static String body(final ProofReport report) {
        final StringBuilder html = new StringBuilder(4096);
        html.append("<section id=\"summary\"><table>\n")
                .append(row("Person (PII principal)", report.profileId()))
                .append(row("Controller", report.controller().name()))
                .append(row("Controller contact", report.controller().contact()))
                .append(row("Legal basis", ProofReport.LEGAL_BASIS))
                .append(row("Receipt format", ProofReport.FORMAT + ", fields of " + ProofReport.STANDARD))
                .append(row("Read from", report.ledgerTopic() + " partition " + report.ledgerPartition()))
                .append(row("Generated at", report.generatedAt().toString()))
                .append("</table></section>\n");
        report.erasure().ifPresent(erasure -> html.append("<p class=\"erased\" id=\"erasure\">This profile was erased at ")
                .append(e(erasure.at().toString())).append(" (request ").append(e(erasure.requestId()))
                .append("): the personal fields of the receipts recorded before were erased, the key that sealed them "
                        + "is deleted. What remains is the proof skeleton.</p>\n"));
        html.append("<h2>Purposes and their status now</h2>\n<table id=\"status\">\n"
                + "<tr><th>purpose</th><th>what it allows</th><th>status</th><th>since</th><th>set by</th></tr>\n");
        for (final Purpose purpose : Purpose.values()) {
            final PurposeStatus status = report.status().get(purpose);
            html.append("<tr data-purpose=\"").append(purpose.name()).append("\" data-status=\"").append(e(status.status()))
                    .append("\"><td>").append(purpose.name()).append("</td><td>").append(e(ProofReport.allows(purpose)))
                    .append("</td><td>").append(e(status.status())).append("</td><td>").append(e(text(status.since())))
                    .append("</td><td>").append(e(text(status.eventId()))).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Receipts (").append(report.receipts().size()).append(")</h2>\n");
        report.receipts().forEach(receipt -> html.append(receipt(receipt)));
        return html.toString();
    }

    private static String receipt(final ConsentReceipt receipt) {
        final PersonalFields personal = receipt.personal();
        final StringBuilder html = new StringBuilder(1024).append("<section class=\"receipt\" data-receipt=\"")
                .append(e(receipt.receiptId())).append("\" data-personal=\"").append(personal.state().name())
                .append("\"><h3>").append(e(receipt.status().name())).append(" ")
                .append(e(receipt.purposes().stream().map(Purpose::name).collect(Collectors.joining(", "))))
                .append("</h3>\n<table>\n")
                .append(row("Receipt", receipt.receiptId() + " (event " + receipt.eventId() + ")"))
                .append(row("When", "occurred " + text(receipt.occurredAt()) + ", received " + text(receipt.receivedAt())
                        + ", recorded " + text(receipt.recordedAt())))
                .append(row("How", text(receipt.method())))
                .append(row("Collected by", receipt.source()))
                .append(row("Notice", notice(receipt)))
                .append(row("Expires", text(receipt.expiresAt())))
                .append(row("Ledger effect", receipt.effect().name() + (receipt.appliedPurposes().isEmpty() ? ""
                        : " to " + receipt.appliedPurposes().stream().map(Purpose::name).collect(Collectors.joining(", ")))));
        if (personal.state() == PersonalFields.State.READABLE || personal.state() == PersonalFields.State.UNSEALED) {
            html.append(row("Email", text(personal.email())))
                    .append(row("Evidence", "IP " + text(personal.ip()) + ", user agent " + text(personal.userAgent())));
        }
        html.append("<tr><th scope=\"row\">Personal data</th><td").append(personal.state() == PersonalFields.State.ERASED
                ? " class=\"erased\"" : "").append(">").append(e(personal.state().name().toLowerCase(Locale.ROOT)))
                .append(": ").append(e(personal.note())).append("</td></tr>\n");
        return html.append("</table></section>\n").toString();
    }

    /** The notice a receipt names, and the hash of its text or why there is none. */
    static String notice(final ConsentReceipt receipt) {
        if (receipt.wordingVersion() == null) {
            return "none named";
        }
        return receipt.wordingVersion() + receipt.notice().map(notice -> " sha256 " + notice.sha256())
                .orElse(" (text not on file)");
    }

    private static String row(final String label, final String value) {
        return "<tr><th scope=\"row\">" + e(label) + "</th><td>" + e(value) + "</td></tr>\n";
    }

    private static String text(final Object value) {
        return value == null ? "-" : value instanceof Instant instant ? instant.toString() : value.toString();
    }

    private static String e(final String text) {
        return HtmlEscaping.escape(text);
    }
}
