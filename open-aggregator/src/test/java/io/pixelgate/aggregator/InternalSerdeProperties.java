package io.pixelgate.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.aggregator.campaign.CampaignDelta;
import io.pixelgate.aggregator.campaign.Counter;
import io.pixelgate.aggregator.message.MessageState;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import io.pixelgate.schemas.serde.ConfluentAvroSerde;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The aggregator's own store and repartition formats read back what they wrote, and what earlier versions wrote. */
class InternalSerdeProperties {

    private static final String CONSENT_TOPIC = "pixelgate.consent-state";

    private final ConfluentAvroSerde<ConsentState> consentState =
            new ConfluentAvroSerde<>(ConsentState.class, new InMemorySchemaRegistry());
    private final ConsentCopySerde consentCopy = new ConsentCopySerde(consentState);

    @Property(tries = 300)
    void consentCopyRoundTripsEveryField(@ForAll("consents") final ConsentState state) {
        assertThat(consentCopy.decode(ConsentCopySerde.encode(state))).isEqualTo(state);
    }

    @Property(tries = 100)
    void consentCopiesAnEarlierVersionKeptAsConsentStateAvroStillRead(@ForAll("consents") final ConsentState state) {
        final byte[] framed = consentState.serializer().serialize(CONSENT_TOPIC, state);

        assertThat(withListOfPurposes(consentCopy.deserializer().deserialize(CONSENT_TOPIC, framed))).isEqualTo(state);
    }

    /** Avro decodes arrays as GenericData.Array, whose equals cannot compare the entries' timestamps. */
    private static ConsentState withListOfPurposes(final ConsentState state) {
        return ConsentState.newBuilder(state).setPurposes(new ArrayList<>(state.getPurposes())).build();
    }

    @Test
    void aConsentCopyInAnUnknownFormatIsRefusedNamingIt() {
        assertThat(consentCopy.serializer().serialize(CONSENT_TOPIC, null)).isNull();
        assertThat(consentCopy.deserializer().deserialize(CONSENT_TOPIC, null)).isNull();
        assertThatThrownBy(() -> consentCopy.decode(new byte[] {7, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 7");
    }

    /** Index keys already in stores were written with String.format("%019d"): the keys must not change. */
    @Property(tries = 500)
    void timeKeysAreTheNineteenDigitKeysOfEarlierVersionsAndSortByTime(@ForAll final long a, @ForAll final long b) {
        assertThat(AggregatorStores.timeKey(a, "p")).isEqualTo(String.format("%019d", Math.max(0, a)) + "\u0000p");
        assertThat(Integer.signum(AggregatorStores.timeKey(a, "").compareTo(AggregatorStores.timeKey(b, ""))))
                .isEqualTo(Long.signum(Long.compare(Math.max(0, a), Math.max(0, b))));
    }

    @Property(tries = 300)
    void campaignDeltaRoundTrips(@ForAll("deltas") final CampaignDelta delta) {
        assertThat(CampaignDeltaSerde.decode(CampaignDeltaSerde.encode(delta))).isEqualTo(delta);
    }

    @Property(tries = 300)
    void messageStateRoundTrips(@ForAll final short flags, @ForAll final long burstStartAt, @ForAll final long burstLinks,
                                @ForAll final int burstHumanClicks, @ForAll final int burstSource,
                                @ForAll final long openAt, @ForAll final int openSource,
                                @ForAll final int honeypotSource) {
        // A part is stored only when its time (or the honeypot's source) is set; unset parts are all zero.
        final boolean burst = burstStartAt != 0;
        final MessageState state = new MessageState(flags & 0x7fff, burstStartAt, burst ? burstLinks : 0,
                burst ? burstHumanClicks : 0, burst ? burstSource : 0, openAt, openAt != 0 ? openSource : 0,
                honeypotSource);
        assertThat(MessageStateSerde.decode(MessageStateSerde.encode(state))).isEqualTo(state);
    }

    @Property(tries = 100)
    void messageStatesOfTheFirstFormatStillRead(@ForAll final byte flags, @ForAll final long burstStartAt,
                                                @ForAll final long burstLinks, @ForAll final int burstHumanClicks) {
        final byte[] version1 = ByteBuffer.allocate(22).put((byte) 1).put((byte) (flags & 0x7f))
                .putLong(burstStartAt).putLong(burstLinks).putInt(burstHumanClicks).array();
        assertThat(MessageStateSerde.decode(version1)).isEqualTo(new MessageState(flags & 0x7f, burstStartAt,
                burstLinks, burstHumanClicks, 0, 0, 0, 0));
        assertThat(MessageStateSerde.decode(new byte[] {1, (byte) (flags & 0x7f)}))
                .isEqualTo(new MessageState(flags & 0x7f, 0, 0, 0, 0, 0, 0, 0));
    }

    @Provide
    Arbitrary<ConsentState> consents() {
        final Arbitrary<Instant> instants = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
        final Arbitrary<String> texts = Arbitraries.strings().ofMaxLength(30);
        final Arbitrary<PurposeConsent> entry = Combinators.combine(Arbitraries.of(Purpose.class),
                        Arbitraries.of(ConsentStatus.class), instants, texts, texts.injectNull(0.3),
                        instants.injectNull(0.5), instants.injectNull(0.5))
                .as((purpose, status, since, eventId, wording, expires, shown) -> PurposeConsent.newBuilder()
                        .setPurpose(purpose).setStatus(status).setSince(since).setEventId(eventId)
                        .setWordingVersion(wording).setExpiresAt(expires).setFormShownAt(shown).build());
        return Combinators.combine(texts, entry.list().ofMaxSize(3), instants)
                .as((profileId, purposes, updatedAt) -> ConsentState.newBuilder().setProfileId(profileId)
                        .setPurposes(purposes).setUpdatedAt(updatedAt).build());
    }

    @Provide
    Arbitrary<CampaignDelta> deltas() {
        final Arbitrary<String> ids = Arbitraries.strings().ofMaxLength(40);
        final Arbitrary<List<Long>> counts = Arbitraries.longs().list().ofSize(Counter.values().length);
        final Arbitrary<List<Long>> reasons = Arbitraries.longs().between(-5, 5).list()
                .ofSize(CampaignDelta.REASON_SLOTS);
        return Combinators.combine(ids, ids.injectNull(0.3), Arbitraries.longs(), counts, reasons)
                .as((campaign, variant, at, values, slots) -> {
                    final CampaignDelta.Builder builder = CampaignDelta.builder(campaign, variant, at);
                    for (final Counter counter : Counter.values()) {
                        builder.add(counter, values.get(counter.ordinal()));
                    }
                    for (int slot = 0; slot < CampaignDelta.REASON_SLOTS; slot++) {
                        builder.addReasonSlot(slot, slots.get(slot));
                    }
                    return builder.build();
                });
    }
}
