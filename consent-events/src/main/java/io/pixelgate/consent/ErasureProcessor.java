package io.pixelgate.consent;

import io.pixelgate.events.ErasureRequest;
import io.pixelgate.platform.Outputs;
import io.pixelgate.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Erases a profile (SPEC.md section 1, Erasure): deletes its consent state, its key and every change
 * of it the seen store holds, and forwards tombstones for consent-state and profile-keys, an ERASED
 * ledger entry and a purge-log record, all with the {@link Topics#ERASURE_REQUEST_HEADER} header.
 * Runs on requests keyed by profileId, in the task that holds the profile's state (the same stores
 * as {@link ConsentProcessor}). Deleting the key is what erases the profile's earlier ledger entries:
 * their sealed fields can never be opened again, while the entries stay as proof.
 *
 * <p>Only the time of the erasure is kept ({@link ConsentStores#ERASURE_STORE}): a change that
 * occurred before it grants nothing when it is replayed, while later input for the profile starts
 * from nothing (a new key). A replayed request erases again: it finds nothing, so its purge-log record counts zero in every
 * store, and its tombstones and skeleton entry repeat what is there. That is harmless: it only
 * removes. A replay after new input for the profile erases that input too, erring on the person's side.
 */
final class ErasureProcessor implements Processor<String, ErasureRequest, String, ConsentOutputs> {

    private final Topics topics;
    private ProcessorContext<String, ConsentOutputs> context;
    private ConsentStores.Profiles stores;

    ErasureProcessor(final Topics topics) {
        this.topics = topics;
    }

    @Override
    public void init(final ProcessorContext<String, ConsentOutputs> context) {
        this.context = context;
        this.stores = ConsentStores.Profiles.of(context);
    }

    @Override
    public void process(final Record<String, ErasureRequest> record) {
        final ErasureRequest request = record.value();
        final String profileId = request.getProfileId();
        final List<String> seenKeys = ConsentStores.seenKeysOf(stores.seen(), profileId);
        final Erasures.Removed removed = new Erasures.Removed(stores.states().get(profileId) != null,
                seenKeys.size(), stores.keys().get(profileId) != null);
        // Stamped with its arrival (erasure-requests is a LogAppendTime topic): the erasure takes
        // effect when the cluster received it, after every version of the state written before.
        final Instant receivedAt = Instant.ofEpochMilli(record.timestamp());
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        final ConsentOutputs outputs = ConsentOutputs.ofErasure(
                Outputs.encode(topics.consentLedger(), profileId, Erasures.ledger(request, receivedAt, now)),
                Outputs.encode(topics.purgeLog(), profileId, Erasures.purge(request, removed,
                        topics.consentState().name(), topics.profileKeys().name(), now)));
        seenKeys.forEach(stores.seen()::delete);
        stores.states().delete(profileId);
        stores.keys().delete(profileId);
        final Long erasedBefore = stores.erasures().get(profileId);
        stores.erasures().put(profileId, erasedBefore == null ? record.timestamp()
                : Math.max(erasedBefore, record.timestamp()));
        final RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.ERASURE_REQUEST_HEADER, request.getRequestId().getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(profileId, outputs, record.timestamp(), headers));
    }
}
