package io.pixelgate.testkit;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentEvidence;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.PersonalData;
import io.pixelgate.events.ProfileKey;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.ledger.LedgerSeal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes what consent-events writes for the proof under the erasure contract: ledger entries
 * whose personal fields are sealed with the profile's key (email {@code <profileId>-<eventId>@mail.example},
 * user agent {@code UA <eventId>}), the key on profile-keys, consent-state, and an erasure. For
 * tests of the readers in modules that cannot run consent-events itself (the edge).
 */
public final class SealedLedger implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;

    public SealedLedger(final TestCluster cluster, final Topics topics) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    /** The email sealed in the entry of {@code eventId}. */
    public static String email(final String profileId, final String eventId) {
        return profileId + "-" + eventId + "@mail.example";
    }

    /** A new key for {@code profileId}, written to profile-keys. */
    public byte[] newKey(final String profileId, final Instant at) {
        final byte[] key = LedgerSeal.newKey(RANDOM);
        send(topics.profileKeys(), null, profileId, new ProfileKey(profileId, ByteBuffer.wrap(key), at));
        return key;
    }

    /** An applied change of OPEN_MEASUREMENT, in the ledger partition the key maps to. */
    public void change(final String profileId, final byte[] key, final String eventId, final ConsentStatus status,
                       final String wording, final ConsentMethod method, final Instant occurredAt) {
        changeTo(null, profileId, key, eventId, status, wording, method, occurredAt);
    }

    /** The same, in {@code partition} whatever the key (null: where the key maps to). */
    public void changeTo(final Integer partition, final String profileId, final byte[] key, final String eventId,
                         final ConsentStatus status, final String wording, final ConsentMethod method,
                         final Instant occurredAt) {
        final ConsentChange change = ConsentChange.newBuilder().setEventId(eventId).setProfileId(profileId)
                .setPurposes(List.of(Purpose.OPEN_MEASUREMENT)).setStatus(status).setOccurredAt(occurredAt)
                .setSource(method == ConsentMethod.PREFERENCE_PAGE ? "edge" : "crm").setMethod(method)
                .setWordingVersion(wording).build();
        final PersonalData data = new PersonalData(email(profileId, eventId),
                new ConsentEvidence("203.0.113.0/24", "UA " + eventId));
        send(topics.consentLedger(), partition, profileId, ConsentLedgerEntry.newBuilder().setChange(change)
                .setRecordedAt(occurredAt.plusSeconds(1)).setReceivedAt(occurredAt).setEffect(LedgerEffect.APPLIED)
                .setAppliedPurposes(change.getPurposes())
                .setSealed(LedgerSeal.seal(key, profileId, eventId, data, RANDOM)).build());
    }

    /** The profile's consent-state: OPEN_MEASUREMENT as {@code status} since {@code since}. */
    public void state(final String profileId, final ConsentStatus status, final String eventId, final Instant since) {
        send(topics.consentState(), null, profileId, ConsentState.newBuilder().setProfileId(profileId)
                .setPurposes(List.of(PurposeConsent.newBuilder().setPurpose(Purpose.OPEN_MEASUREMENT)
                        .setStatus(status).setSince(since).setEventId(eventId).build()))
                .setUpdatedAt(since.plusSeconds(1)).build());
    }

    /**
     * An erasure as consent-events writes it: the key tombstoned, the ERASED ledger entry (a
     * skeleton: the request's id as eventId, every purpose, WITHDRAWN), and a consent-state
     * tombstone naming the request.
     */
    public void erase(final String profileId, final String requestId, final Instant requestedAt) {
        send(topics.profileKeys(), null, profileId, null);
        final ConsentChange skeleton = ConsentChange.newBuilder().setEventId(requestId).setProfileId(profileId)
                .setPurposes(List.of(Purpose.values())).setStatus(ConsentStatus.WITHDRAWN).setOccurredAt(requestedAt)
                .setSource("dpo-desk").build();
        send(topics.consentLedger(), null, profileId, ConsentLedgerEntry.newBuilder().setChange(skeleton)
                .setRecordedAt(requestedAt.plusSeconds(1)).setReceivedAt(requestedAt).setEffect(LedgerEffect.ERASED)
                .setAppliedPurposes(List.of(Purpose.values())).build());
        await(new ProducerRecord<>(topics.consentState().name(), null, profileId, null,
                List.of(new RecordHeader(Topics.ERASURE_REQUEST_HEADER, requestId.getBytes(StandardCharsets.UTF_8)))));
    }

    private <V extends SpecificRecord> void send(final Topic<V> topic, final Integer partition, final String key,
                                                 final V value) {
        await(new ProducerRecord<>(topic.name(), partition, key,
                value == null ? null : topic.valueSerde().encode(topic.name(), value)));
    }

    private void await(final ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
