package io.pixelgate.schemas.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentEvidence;
import io.pixelgate.events.PersonalData;
import io.pixelgate.events.SealedPersonalData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Sealed personal data opens with its key for its own entry only, and never once altered or with another key. */
class LedgerSealProperties {

    private final SecureRandom random = new SecureRandom();

    @Property(tries = 200)
    void sealedDataOpensWithItsKeyForItsEntry(@ForAll("personal") final PersonalData data,
                                              @ForAll("ids") final String profileId, @ForAll("ids") final String eventId) {
        final byte[] key = LedgerSeal.newKey(random);
        final SealedPersonalData sealed = LedgerSeal.seal(key, profileId, eventId, data, random);

        assertThat(LedgerSeal.open(key, profileId, eventId, sealed)).contains(data);
        assertThat(new String(bytes(sealed.getCiphertext()), StandardCharsets.ISO_8859_1))
                .as("the email is not readable in the sealed bytes")
                .doesNotContain(data.getEmail() == null ? "\u0000\u0000never" : data.getEmail());
    }

    @Property(tries = 200)
    void anotherKeyAnotherEntryOrAnyFlippedBitNeverOpens(@ForAll("personal") final PersonalData data,
                                                         @ForAll("ids") final String profileId,
                                                         @ForAll("ids") final String eventId,
                                                         @ForAll @IntRange(min = 0, max = 10_000) final int flip) {
        final byte[] key = LedgerSeal.newKey(random);
        final SealedPersonalData sealed = LedgerSeal.seal(key, profileId, eventId, data, random);

        assertThat(LedgerSeal.open(LedgerSeal.newKey(random), profileId, eventId, sealed)).isEmpty();
        assertThat(LedgerSeal.open(key, profileId + "x", eventId, sealed)).isEmpty();
        assertThat(LedgerSeal.open(key, profileId, eventId + "x", sealed)).isEmpty();

        final byte[] ciphertext = bytes(sealed.getCiphertext());
        ciphertext[flip % ciphertext.length] ^= (byte) (1 << (flip % 8));
        final SealedPersonalData altered = SealedPersonalData.newBuilder(sealed)
                .setCiphertext(ByteBuffer.wrap(ciphertext)).build();
        assertThat(LedgerSeal.open(key, profileId, eventId, altered)).isEmpty();
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<PersonalData> personal() {
        final Arbitrary<String> text = Arbitraries.strings().ofMinLength(3).ofMaxLength(200);
        return net.jqwik.api.Combinators.combine(text.injectNull(0.3), text.injectNull(0.3), text.injectNull(0.3))
                .as((email, ip, agent) -> PersonalData.newBuilder()
                        .setEmail(email)
                        .setEvidence(ip == null && agent == null ? null
                                : ConsentEvidence.newBuilder().setIp(ip).setUserAgent(agent).build())
                        .build());
    }

    private static byte[] bytes(final ByteBuffer buffer) {
        final ByteBuffer copy = buffer.duplicate();
        final byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
