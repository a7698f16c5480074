package io.pixelgate.enricher;

/**
 * Why a send got its tracking mode; written as the {@code reason} of a tracked send. For a send
 * that is not personal, the reason says why not (SPEC.md section 1, rules 1 to 6).
 */
public enum DecisionReason {
    /** Rule 1: the email asks for consent, so it carries nothing. */
    CONSENT_REQUEST,
    /** Rule 2: the project states it only targets regions without a consent rule. */
    POLICY_ALWAYS,
    /** Rule 3: OPEN_MEASUREMENT was granted at the send's time. */
    CONSENT_GRANTED,
    /** Rule 4: a transactional email of a project that allows deliverability tracking. */
    TRANSACTIONAL_DELIVERABILITY,
    /** Rules 5 and 6: the project's policy is ANONYMOUS_ONLY, so consent is not even looked at. */
    POLICY_ANONYMOUS_ONLY,
    /** Rule 5: no OPEN_MEASUREMENT decision known as of the send's time (or a grant that names no wording). */
    NO_CONSENT,
    /** Rule 5: OPEN_MEASUREMENT was withdrawn as of the send's time. */
    WITHDRAWN,
    /** Rule 5: OPEN_MEASUREMENT was denied as of the send's time. */
    DENIED,
    /** Rule 5: the OPEN_MEASUREMENT grant had expired at the send's time. */
    EXPIRED,
    /** Rule 6: not personal, and the project does not allow anonymous statistics. */
    ANONYMOUS_STATS_DISABLED
}
