package io.pixelgate.enricher;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.ProjectSettings;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.SendCategory;
import io.pixelgate.events.SendRequest;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.events.TrackingPolicy;
import io.pixelgate.schemas.consent.Consents;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tracking mode of one send and why (SPEC.md section 1, first matching row wins), as a plain
 * function of the send, the recipient's consent as of the send's time and the project's settings.
 *
 * <p>Policy {@code ANONYMOUS_ONLY} means that nothing the send carries may identify the recipient:
 * it skips rule 3 (personal by consent) and also rule 4 (the deliverability pixel identifies the
 * profile), so its sends are anonymous or carry nothing, with reason {@code POLICY_ANONYMOUS_ONLY}
 * or {@code ANONYMOUS_STATS_DISABLED}.
 *
 * @param mode           what the send carries
 * @param reason         why
 * @param consentEventId the ledger entry (the OPEN_MEASUREMENT grant) behind a PERSONAL decision by
 *                       consent; null for every other decision, POLICY_ALWAYS included
 */
public record TrackingDecision(TrackingMode mode, DecisionReason reason, String consentEventId) {

    public TrackingDecision {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(reason, "reason");
        if (mode == TrackingMode.PERSONAL && reason == DecisionReason.CONSENT_GRANTED && consentEventId == null) {
            throw new IllegalArgumentException("a PERSONAL decision by consent names the grant behind it");
        }
    }

    /**
     * @param send     the send request; its {@code requestedAt} is the instant consent is judged at
     * @param consent  the recipient's consent state as of {@code requestedAt}, null when none was known
     * @param settings the project's settings, null for the defaults
     */
    public static TrackingDecision decide(final SendRequest send, final ConsentState consent,
                                          final ProjectSettings settings) {
        return decideByEntry(send, Consents.entry(consent, Purpose.OPEN_MEASUREMENT).orElse(null), settings);
    }

    /**
     * As above, from the recipient's OPEN_MEASUREMENT entry alone, the only purpose a decision reads
     * (what the versioned consent table keeps: {@link OpenMeasurementConsent}).
     *
     * @param openMeasurement the recipient's OPEN_MEASUREMENT entry as of {@code requestedAt}, null
     *                        when none was known
     */
    public static TrackingDecision decideByEntry(final SendRequest send, final PurposeConsent openMeasurement,
                                                 final ProjectSettings settings) {
        final ProjectSettings project = ProjectDefaults.orDefaults(settings);
        final Instant at = send.getRequestedAt();
        if (send.getCategory() == SendCategory.CONSENT_REQUEST) {
            return new TrackingDecision(TrackingMode.NONE, DecisionReason.CONSENT_REQUEST, null);
        }
        if (project.getPolicy() == TrackingPolicy.ALWAYS) {
            return new TrackingDecision(TrackingMode.PERSONAL, DecisionReason.POLICY_ALWAYS, null);
        }
        final boolean anonymousOnly = project.getPolicy() == TrackingPolicy.ANONYMOUS_ONLY;
        final Optional<PurposeConsent> inForce = asOf(openMeasurement, at);
        // OPEN_MEASUREMENT depends on no other purpose: its entry alone says whether it is granted
        if (!anonymousOnly && inForce.isPresent() && Consents.counts(inForce.get(), at)) {
            return new TrackingDecision(TrackingMode.PERSONAL, DecisionReason.CONSENT_GRANTED,
                    inForce.get().getEventId());
        }
        if (!anonymousOnly && send.getCategory() == SendCategory.TRANSACTIONAL && project.getDeliverabilityTracking()) {
            return new TrackingDecision(TrackingMode.DELIVERABILITY, DecisionReason.TRANSACTIONAL_DELIVERABILITY, null);
        }
        if (project.getAnonymousStats()) {
            return new TrackingDecision(TrackingMode.ANONYMOUS,
                    anonymousOnly ? DecisionReason.POLICY_ANONYMOUS_ONLY : whyNotGranted(inForce, at), null);
        }
        return new TrackingDecision(TrackingMode.NONE, DecisionReason.ANONYMOUS_STATS_DISABLED, null);
    }

    /**
     * The OPEN_MEASUREMENT entry, when it was already in force at {@code at}. An entry set after
     * {@code at} says nothing about {@code at} (what held before it is not in the state), so it
     * counts as no decision: never a grant by accident of processing order.
     */
    private static Optional<PurposeConsent> asOf(final PurposeConsent openMeasurement, final Instant at) {
        return Optional.ofNullable(openMeasurement).filter(entry -> !entry.getSince().isAfter(at));
    }

    private static DecisionReason whyNotGranted(final Optional<PurposeConsent> openMeasurement, final Instant at) {
        if (openMeasurement.isEmpty()) {
            return DecisionReason.NO_CONSENT;
        }
        final PurposeConsent entry = openMeasurement.get();
        if (entry.getStatus() == ConsentStatus.WITHDRAWN) {
            return DecisionReason.WITHDRAWN;
        }
        if (entry.getStatus() == ConsentStatus.DENIED) {
            return DecisionReason.DENIED;
        }
        final boolean expired = entry.getExpiresAt() != null && !at.isBefore(entry.getExpiresAt());
        // a GRANTED entry that does not count and has not expired names no wording: no grant at all
        return expired ? DecisionReason.EXPIRED : DecisionReason.NO_CONSENT;
    }
}
