package io.pixelgate.platform.proof;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentEvidence;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.PersonalData;
import io.pixelgate.events.Purpose;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.proof.ConsentReceipt.PersonalFields;
import io.pixelgate.platform.proof.ProfileLedger.LedgerRecord;
import io.pixelgate.platform.proof.ProfileLedger.SealingKey;
import io.pixelgate.platform.proof.ProofReport.Controller;
import io.pixelgate.platform.proof.ProofReport.Erasure;
import io.pixelgate.platform.proof.ProofReport.PurposeStatus;
import io.pixelgate.schemas.ledger.LedgerSeal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a profile's consent receipts from what {@link LedgerReader} read: pure, no Kafka. A
 * receipt shows personal fields only when the profile's current key opens them; once an erasure
 * deleted the key, the receipt is the proof skeleton and says the fields were erased, naming the
 * erasure (the next {@code ERASED} entry of the ledger) when there is one.
 */
public final class Receipts {

    private final Controller controller;
    private final Notices notices;

    public Receipts(final Controller controller, final Notices notices) {
        this.controller = controller;
        this.notices = notices;
    }

    /**
     * The builder {@code config} describes: its controller, the notices in {@code proof.wordings.dir}
     * and in {@code wordingDirs} (the edge's own wording), then the built-in wording.
     */
    public static Receipts configured(final PixelgateConfig config, final List<Path> wordingDirs) {
        return new Receipts(new Controller(ProofSettings.CONTROLLER_NAME.from(config),
                ProofSettings.CONTROLLER_CONTACT.from(config)),
                new Notices(ProofSettings.WORDINGS_DIR.from(config).stream().toList(), wordingDirs));
    }

    /** The receipts of {@code ledger}, one per entry in log order, and each purpose's status at {@code now}. */
    public ProofReport build(final ProfileLedger ledger, final Instant now) {
        final List<ConsentReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < ledger.entries().size(); i++) {
            receipts.add(receipt(ledger, i));
        }
        final List<Erasure> erasures = ledger.entries().stream().map(LedgerRecord::entry)
                .filter(entry -> entry.getEffect() == LedgerEffect.ERASED).map(Receipts::erasure).toList();
        return new ProofReport(ledger.profileId(), ledger.ledgerTopic(), ledger.ledgerPartition(), now, controller,
                receipts, status(ledger, now), ledger.key().state(),
                erasures.isEmpty() ? Optional.empty() : Optional.of(erasures.get(erasures.size() - 1)));
    }

    private ConsentReceipt receipt(final ProfileLedger ledger, final int index) {
        final LedgerRecord record = ledger.entries().get(index);
        final ConsentLedgerEntry entry = record.entry();
        final ConsentChange change = entry.getChange();
        return new ConsentReceipt("ledger/" + record.partition() + "/" + record.offset(), change.getEventId(),
                record.partition(), record.offset(), change.getProfileId(), personal(ledger, index),
                change.getPurposes(), change.getStatus(), change.getMethod() == null ? null : change.getMethod().name(),
                change.getWordingVersion(), notices.find(change.getWordingVersion()), change.getOccurredAt(),
                entry.getReceivedAt(), entry.getRecordedAt(), change.getExpiresAt(), change.getSource(),
                entry.getEffect(), entry.getAppliedPurposes());
    }

    private static PersonalFields personal(final ProfileLedger ledger, final int index) {
        final ConsentLedgerEntry entry = ledger.entries().get(index).entry();
        final ConsentChange change = entry.getChange();
        if (entry.getEffect() == LedgerEffect.ERASED) {
            return new PersonalFields(PersonalFields.State.NONE, null, null, null,
                    "the proof of an erasure request: it keeps no personal field");
        }
        if (entry.getSealed() == null) {
            return change.getEmail() == null && change.getEvidence() == null
                    ? new PersonalFields(PersonalFields.State.NONE, null, null, null, "the change gave none")
                    : fields(PersonalFields.State.UNSEALED, change.getEmail(), change.getEvidence(),
                            "recorded in the clear, before the ledger sealed personal fields");
        }
        if (ledger.key().state() != SealingKey.State.PRESENT) {
            return PersonalFields.erased(erasedNote(ledger, index));
        }
        final Optional<PersonalData> opened = LedgerSeal.open(ledger.key().key(), change.getProfileId(),
                change.getEventId(), entry.getSealed());
        // A key that does not open it is a later one: the entry's own key was deleted by an erasure.
        return opened.map(data -> fields(PersonalFields.State.READABLE, data.getEmail(), data.getEvidence(),
                        "opened with the profile's key"))
                .orElseGet(() -> PersonalFields.erased(erasedNote(ledger, index)));
    }

    private static PersonalFields fields(final PersonalFields.State state, final String email,
                                         final ConsentEvidence evidence, final String note) {
        return new PersonalFields(state, email, evidence == null ? null : evidence.getIp(),
                evidence == null ? null : evidence.getUserAgent(), note);
    }

    /** Why the entry at {@code index} cannot be opened, naming the first erasure logged after it. */
    private static String erasedNote(final ProfileLedger ledger, final int index) {
        final Optional<Erasure> erasure = ledger.entries().subList(index + 1, ledger.entries().size()).stream()
                .map(LedgerRecord::entry).filter(entry -> entry.getEffect() == LedgerEffect.ERASED)
                .map(Receipts::erasure).findFirst();
        return "the personal fields (email, evidence) were erased: the key that sealed them was deleted"
                + erasure.map(e -> " by the erasure of " + e.at() + " (request " + e.requestId() + ")").orElse("")
                + "; they can never be read again";
    }

    private static Erasure erasure(final ConsentLedgerEntry entry) {
        return new Erasure(entry.getReceivedAt() != null ? entry.getReceivedAt() : entry.getRecordedAt(),
                entry.getChange().getEventId());
    }

    /**
     * Each purpose's status, from the entries in ledger order: set by the latest entry applied to
     * it, and {@code ERASED} from an erasure on (it starts the profile from nothing) until a later
     * change is applied.
     */
    private static Map<Purpose, PurposeStatus> status(final ProfileLedger ledger, final Instant now) {
        final Map<Purpose, PurposeStatus> status = new EnumMap<>(Purpose.class);
        for (final Purpose purpose : Purpose.values()) {
            status.put(purpose, new PurposeStatus(purpose, "NOT_GRANTED", null, null));
        }
        for (final LedgerRecord record : ledger.entries()) {
            final ConsentLedgerEntry entry = record.entry();
            if (entry.getEffect() == LedgerEffect.ERASED) {
                final Erasure erasure = erasure(entry);
                for (final Purpose purpose : Purpose.values()) {
                    status.put(purpose, new PurposeStatus(purpose, "ERASED", erasure.at(), erasure.requestId()));
                }
            } else if (entry.getEffect() == LedgerEffect.APPLIED) {
                final List<Purpose> applied = entry.getAppliedPurposes().isEmpty()
                        ? entry.getChange().getPurposes() : entry.getAppliedPurposes();
                applied.forEach(purpose -> status.put(purpose, applied(purpose, entry, now)));
            }
        }
        return status;
    }

    private static PurposeStatus applied(final Purpose purpose, final ConsentLedgerEntry entry, final Instant now) {
        final ConsentChange change = entry.getChange();
        final boolean expired = change.getStatus() == ConsentStatus.GRANTED && change.getExpiresAt() != null
                && !change.getExpiresAt().isAfter(now);
        return new PurposeStatus(purpose, expired ? "EXPIRED" : change.getStatus().name(), tookEffect(entry),
                change.getEventId());
    }

    /** When a change took effect: the earlier of its occurredAt and when the cluster received it. */
    private static Instant tookEffect(final ConsentLedgerEntry entry) {
        final Instant occurred = entry.getChange().getOccurredAt();
        return entry.getReceivedAt() != null && entry.getReceivedAt().isBefore(occurred) ? entry.getReceivedAt() : occurred;
    }
}
