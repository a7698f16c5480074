package io.pixelgate.platform.proof;

import io.pixelgate.events.Purpose;
import io.pixelgate.platform.proof.ProfileLedger.SealingKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A profile's consent receipts, one per ledger entry in log order, with what they share (the
 * controller, the legal basis) and the status of each purpose now.
 *
 * @param ledgerTopic     the ledger topic read, and {@code ledgerPartition} its only partition read
 * @param keyState        the profile's sealing key on profile-keys
 * @param erasure         the profile's latest erasure, from its {@code ERASED} ledger entry
 */
public record ProofReport(String profileId, String ledgerTopic, int ledgerPartition, Instant generatedAt,
                          Controller controller, List<ConsentReceipt> receipts, Map<Purpose, PurposeStatus> status,
                          SealingKey.State keyState, Optional<Erasure> erasure) {

    /** The receipt format: a reader can tell what the fields mean from it. */
    public static final String FORMAT = "pixelgate-consent-receipt/1";
    /** What the fields follow. */
    public static final String STANDARD = "ISO/IEC TS 27560:2023 (consent record information structure), "
            + "Kantara Consent Receipt v1.1";
    /** The legal basis of every purpose Pixelgate tracks for. */
    public static final String LEGAL_BASIS = "consent: GDPR art. 6(1)(a), ePrivacy Directive art. 5(3)";

    public ProofReport {
        receipts = List.copyOf(receipts);
        status = Map.copyOf(status);
    }

    /** What a purpose allows (SPEC.md section 1). */
    public static String allows(final Purpose purpose) {
        return switch (purpose) {
            case OPEN_MEASUREMENT -> "per-recipient open tracking for campaign performance: unique open rates, A/B "
                    + "tests, send time and frequency";
            case ENGAGEMENT_PROFILING -> "a per-profile engagement record (score, segments, personalisation) built "
                    + "from opens";
            case CROSS_CHANNEL -> "using open data to target the profile on other channels (retargeting audiences)";
        };
    }

    /**
     * An erasure of the profile, as its ERASED ledger entry proves it.
     *
     * @param at        when the cluster received the erasure request (the entry's receivedAt, else
     *                  when it was recorded)
     * @param requestId the erasure request's id (the entry's eventId)
     */
    public record Erasure(Instant at, String requestId) {
    }

    /** The PII controller, as configured ({@link ProofSettings}). */
    public record Controller(String name, String contact) {
    }

    /**
     * A purpose's status now.
     *
     * @param status  {@code GRANTED}, {@code DENIED}, {@code WITHDRAWN}, {@code EXPIRED} (a grant
     *                past its expiry), {@code NOT_GRANTED} (no change applied) or {@code ERASED}
     * @param eventId the change that set it (for {@code ERASED}, the erasure request), null for
     *                {@code NOT_GRANTED}
     */
    public record PurposeStatus(Purpose purpose, String status, Instant since, String eventId) {
    }
}
