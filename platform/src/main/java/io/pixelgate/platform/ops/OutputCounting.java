package io.pixelgate.platform.ops;

import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.schemas.Topics;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pixelgate's counters that follow from what an application writes, counted as it writes them
 * (by {@link OutputCountingInterceptor}), so no topology needs a hook for them:
 *
 * <ul>
 *   <li>{@code pixelgate_records_rejected_total{application,source_topic,reason}}: every record
 *       written to the rejected topic, by the topic it came from and the class of its reason;</li>
 *   <li>{@code pixelgate_consent_changes_total{application,effect}}: ledger entries by effect
 *       ({@code APPLIED}, {@code DUPLICATE}, ...);</li>
 *   <li>{@code pixelgate_purges_total{application,reason}}: purge-log records by the reason's
 *       leading word ({@code WITHDRAWN}, {@code EXPIRED}, ...).</li>
 * </ul>
 *
 * Records are counted when handed to the producer: a transaction aborted by a crash, whose records
 * are written again after the restart, counts them twice (read_committed readers see them once).
 */
public final class OutputCounting {

    /** A purge reason's leading word, e.g. WITHDRAWN in "WITHDRAWN by consent event crm-9". */
    private static final Pattern LEADING_WORD = Pattern.compile("^([A-Z][A-Z_]*)\\b.*", Pattern.DOTALL);

    private final Topics topics;
    private final Meters meters;

    public OutputCounting(final Topics topics, final Meters meters) {
        this.topics = topics;
        this.meters = meters;
    }

    /** Counts one record {@code application} writes to {@code topic}; records of other topics are not looked at. */
    public void written(final String application, final String topic, final byte[] value) {
        if (value == null) {
            return; // tombstones: counted where they matter, as purges
        }
        if (topic.equals(topics.rejected().name())) {
            final RejectedRecord rejected = topics.rejected().valueSerde().decode(value);
            meters.counter(application, "pixelgate.records.rejected", "Records written to the rejected topic",
                    "source_topic", rejected.getSourceTopic(), "reason", reasonClass(rejected.getReason())).increment();
        } else if (topic.equals(topics.consentLedger().name())) {
            final ConsentLedgerEntry entry = topics.consentLedger().valueSerde().decode(value);
            meters.counter(application, "pixelgate.consent.changes", "Consent changes by their ledger effect",
                    "effect", entry.getEffect().name()).increment();
        } else if (topic.equals(topics.purgeLog().name())) {
            final PurgeRecord purge = topics.purgeLog().valueSerde().decode(value);
            meters.counter(application, "pixelgate.purges", "Purges of a profile's data, by the reason's leading word",
                    "reason", leadingWord(purge.getReason())).increment();
        }
    }

    /**
     * A reason's class, few enough to be a tag (the reason itself names values and sizes): the
     * field it names, or what kind of failure it is.
     */
    static String reasonClass(final String reason) {
        final String text = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (text.startsWith("field '")) {
            return "invalid-field";
        } else if (text.contains("over the limit")) {
            return "too-large";
        } else if (text.startsWith("schema id")) {
            return "unknown-schema";
        } else if (text.contains("json") || text.contains("avro") || text.contains("wire format")) {
            return "undecodable";
        } else if (text.startsWith("processing failed")) {
            return "processing-failed";
        } else if (text.startsWith("value is null")) {
            return "null-value";
        }
        return "other";
    }

    static String leadingWord(final String reason) {
        final Matcher matcher = LEADING_WORD.matcher(reason == null ? "" : reason);
        return matcher.matches() ? matcher.group(1) : "other";
    }
}
