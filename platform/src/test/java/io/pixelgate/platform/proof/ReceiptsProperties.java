package io.pixelgate.platform.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentEvidence;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.PersonalData;
import io.pixelgate.events.Purpose;
import io.pixelgate.platform.proof.ConsentReceipt.PersonalFields;
import io.pixelgate.platform.proof.ProfileLedger.LedgerRecord;
import io.pixelgate.platform.proof.ProfileLedger.SealingKey;
import io.pixelgate.platform.proof.ProofReport.Controller;
import io.pixelgate.schemas.ledger.LedgerSeal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Receipts over generated ledgers: changes of every status and effect, some with personal fields,
 * with or without an erasure part way (its key deleted, or replaced by a new key for the changes
 * after it, or compacted away).
 */
class ReceiptsProperties {

    private static final String PROFILE = "p-7";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ERASURE = "er-1";
    private final Receipts receipts = new Receipts(new Controller("Acme", "dpo@acme.example"),
            new Notices(List.of(), List.of()));

    @Property
    void everyEntryGivesOneReceiptInLedgerOrder(@ForAll("histories") final History history) {
        final ProofReport report = receipts.build(history.ledger(), history.now());

        assertThat(report.receipts()).extracting(ConsentReceipt::eventId)
                .containsExactlyElementsOf(history.eventIds());
        assertThat(report.receipts()).extracting(ConsentReceipt::receiptId).doesNotHaveDuplicates();
        assertThat(report.receipts()).extracting(ConsentReceipt::offset)
                .containsExactlyElementsOf(history.ledger().entries().stream().map(LedgerRecord::offset).toList());
    }

    @Property
    void aReceiptNeverShowsPersonalDataWhoseKeyIsGone(@ForAll("histories") final History history) {
        final ProofReport report = receipts.build(history.ledger(), history.now());

        for (final ConsentReceipt receipt : report.receipts()) {
            final PersonalFields personal = receipt.personal();
            final Optional<Step> step = history.step(receipt.eventId());
            if (step.isEmpty() || !step.get().personal()) {
                assertThat(personal.state()).as("the erasure entry, or a change without personal fields")
                        .isEqualTo(PersonalFields.State.NONE);
            } else if (history.keyAlive(step.get())) {
                assertThat(personal.state()).isEqualTo(PersonalFields.State.READABLE);
                assertThat(personal.email()).isEqualTo(step.get().email());
            } else {
                assertThat(personal.state()).isEqualTo(PersonalFields.State.ERASED);
                assertThat(personal.note()).contains("erased").contains(ERASURE);
            }
            if (personal.state() != PersonalFields.State.READABLE) {
                assertThat(personal.email()).isNull();
                assertThat(personal.ip()).isNull();
                assertThat(personal.userAgent()).isNull();
            }
        }
        final String rendered = ReceiptJson.of(report) + ReceiptHtml.page(report) + ReceiptText.of(report);
        for (final String gone : history.goneEmails()) {
            assertThat(rendered).doesNotContain(gone);
        }
    }

    @Property
    void statusFollowsTheLatestAppliedEntry(@ForAll("histories") final History history) {
        final ProofReport report = receipts.build(history.ledger(), history.now());

        // for each purpose: the latest applied step naming it, unless the erasure came after it
        final Map<Purpose, String> expected = new EnumMap<>(Purpose.class);
        for (final Purpose purpose : Purpose.values()) {
            int latest = -1;
            for (int i = 0; i < history.steps().size(); i++) {
                final Step step = history.steps().get(i);
                if (step.effect() == LedgerEffect.APPLIED && step.purposes().contains(purpose)) {
                    latest = i;
                }
            }
            final int erasedAfter = history.erasedAfter().orElse(Integer.MAX_VALUE);
            expected.put(purpose, history.erasedAfter().isPresent() && latest <= erasedAfter ? "ERASED"
                    : latest < 0 ? "NOT_GRANTED" : history.steps().get(latest).status().name());
        }
        final Map<Purpose, String> shown = new EnumMap<>(Purpose.class);
        report.status().forEach((purpose, status) -> shown.put(purpose, status.status()));
        assertThat(shown).isEqualTo(expected);
    }

    @Provide
    Arbitrary<History> histories() {
        final Arbitrary<Step> step = Combinators.combine(
                Arbitraries.subsetOf(Purpose.values()).ofMinSize(1),
                Arbitraries.of(ConsentStatus.class),
                Arbitraries.of(LedgerEffect.APPLIED, LedgerEffect.DUPLICATE, LedgerEffect.OUT_OF_ORDER,
                        LedgerEffect.STALE_FORM),
                Arbitraries.of(true, false)).as((purposes, status, effect, personal) ->
                new Step(null, List.copyOf(purposes), status, effect, personal));
        return Combinators.combine(step.list().ofMinSize(1).ofMaxSize(12), Arbitraries.integers().between(-1, 11),
                Arbitraries.of(SealingKey.State.class)).as(History::of);
    }

    /** One change as consent-events ledgered it; {@code eventId} is set by its place. */
    record Step(String eventId, List<Purpose> purposes, ConsentStatus status, LedgerEffect effect, boolean personal) {

        String email() {
            return eventId + "@mail.example";
        }
    }

    /**
     * The ledger of the steps; when {@code erasedAfter} is present, an erasure followed that step:
     * the key of the steps up to it is gone, and the later ones (if any) are sealed with a new key.
     */
    record History(List<Step> steps, Optional<Integer> erasedAfter, ProfileLedger ledger, Instant now) {

        static History of(final List<Step> generated, final int erasure, final SealingKey.State keyAfter) {
            final List<Step> steps = new ArrayList<>();
            for (int i = 0; i < generated.size(); i++) {
                final Step s = generated.get(i);
                steps.add(new Step("e-" + i, s.purposes(), s.status(), s.effect(), s.personal()));
            }
            final Optional<Integer> erasedAfter = erasure >= 0 && erasure < steps.size()
                    ? Optional.of(erasure) : Optional.empty();
            final byte[] before = LedgerSeal.newKey(RANDOM);
            final byte[] after = LedgerSeal.newKey(RANDOM);
            final List<LedgerRecord> records = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                final boolean erased = erasedAfter.isPresent() && i <= erasedAfter.get();
                records.add(new LedgerRecord(1, 10L + records.size(), entry(steps.get(i), i,
                        erased || erasedAfter.isEmpty() ? before : after)));
                if (erasedAfter.isPresent() && i == erasedAfter.get()) {
                    records.add(new LedgerRecord(1, 10L + records.size(), erasure(recorded(i).plusMillis(500))));
                }
            }
            final boolean entriesAfter = erasedAfter.isPresent() && erasedAfter.get() < steps.size() - 1;
            final SealingKey key = erasedAfter.isEmpty() ? SealingKey.present(before)
                    : entriesAfter ? SealingKey.present(after)
                    : keyAfter == SealingKey.State.MISSING ? SealingKey.missing() : SealingKey.deleted();
            return new History(steps, erasedAfter, new ProfileLedger(PROFILE, "pixelgate.consent-ledger", 1, records,
                    key), recorded(steps.size()).plusSeconds(60));
        }

        List<String> eventIds() {
            return ledger.entries().stream().map(record -> record.entry().getChange().getEventId()).toList();
        }

        Optional<Step> step(final String eventId) {
            return steps.stream().filter(step -> step.eventId().equals(eventId)).findFirst();
        }

        boolean keyAlive(final Step step) {
            final int index = steps.indexOf(step);
            return erasedAfter.isEmpty() || index > erasedAfter.get();
        }

        String[] goneEmails() {
            return steps.stream().filter(step -> step.personal() && !keyAlive(step)).map(Step::email)
                    .toArray(String[]::new);
        }

        private static ConsentLedgerEntry entry(final Step step, final int index, final byte[] key) {
            final ConsentChange change = ConsentChange.newBuilder().setEventId(step.eventId()).setProfileId(PROFILE)
                    .setPurposes(step.purposes()).setStatus(step.status()).setOccurredAt(recorded(index).minusSeconds(1))
                    .setSource("crm").setMethod(ConsentMethod.API)
                    .setWordingVersion(step.status() == ConsentStatus.GRANTED ? "tracking-v3" : null).build();
            final PersonalData data = new PersonalData(step.email(), new ConsentEvidence("203.0.113.0/24", "UA " + index));
            return ConsentLedgerEntry.newBuilder().setChange(change).setRecordedAt(recorded(index))
                    .setReceivedAt(recorded(index).minusMillis(200)).setEffect(step.effect())
                    .setAppliedPurposes(step.effect() == LedgerEffect.APPLIED ? step.purposes() : List.of())
                    .setSealed(step.personal() ? LedgerSeal.seal(key, PROFILE, step.eventId(), data, RANDOM) : null)
                    .build();
        }

        /** The ERASED entry consent-events writes for an erasure request. */
        private static ConsentLedgerEntry erasure(final Instant at) {
            final ConsentChange skeleton = ConsentChange.newBuilder().setEventId(ERASURE).setProfileId(PROFILE)
                    .setPurposes(List.of(Purpose.values())).setStatus(ConsentStatus.WITHDRAWN).setOccurredAt(at)
                    .setSource("dpo-desk").build();
            return ConsentLedgerEntry.newBuilder().setChange(skeleton).setRecordedAt(at).setReceivedAt(at)
                    .setEffect(LedgerEffect.ERASED).setAppliedPurposes(List.of(Purpose.values())).build();
        }

        private static Instant recorded(final int index) {
            return START.plusSeconds(10L * index);
        }
    }
}
