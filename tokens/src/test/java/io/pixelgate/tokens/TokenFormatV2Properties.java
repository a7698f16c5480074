package io.pixelgate.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The version 2 format as the package documentation defines it, rebuilt here from the JDK's own
 * HMAC-SHA256 and AES-CTR, sub-keys derived in the test and the claims encoded by the old code:
 * the codec's tokens must be byte for byte that construction.
 */
class TokenFormatV2Properties {

    private final TokenKeys keys = TokenKeys.generate("k1");
    private final TokenCodec codec = new TokenCodec(keys);

    @Property
    void issuedTokensAreTheDocumentedSivConstruction(@ForAll("claims") final Claims claims) {
        // when
        final String issued = codec.issue(claims);

        // then
        assertThat(issued).isEqualTo(sivToken(keys.active(), claims));
    }

    @Property
    void v2TokenRelabelledAsV1NeverOpens(@ForAll("claims") final Claims claims) {
        // given: a downgrade, so that the GCM code would read the v2 bytes
        final byte[] bytes = Base64.getUrlDecoder().decode(codec.issue(claims));

        // when
        bytes[0] = Envelope.V1;

        // then
        assertThat(codec.open(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).isValid()).isFalse();
    }

    @Property
    void anyBytesAfterAValidV2HeaderAreRejectedAsForged(@ForAll final Kind kind, @ForAll("sealed") final byte[] sealed) {
        // given: a header the codec would write itself, then bytes no one computed with the key
        final byte[] header = {Envelope.V2, kind.code(), 2, 'k', '1'};
        final byte[] token = Arrays.copyOf(header, header.length + sealed.length);
        System.arraycopy(sealed, 0, token, header.length, sealed.length);

        // when
        final TokenResult<Claims> opened = codec.open(Base64.getUrlEncoder().withoutPadding().encodeToString(token));

        // then
        assertThat(opened.rejection()).contains(Rejection.FORGED);
    }

    @Provide
    Arbitrary<Claims> claims() {
        return ClaimsArbitraries.claims();
    }

    @Provide
    Arbitrary<byte[]> sealed() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(HmacSivCtr.SIV_BYTES).ofMaxSize(300);
    }

    /** header || SIV || AES-CTR(plaintext), SIV = HMAC-SHA256(header || plaintext) truncated to 16 bytes. */
    private static String sivToken(final TokenKey key, final Claims claims) {
        final byte[] plaintext = V1ReferenceCodec.encode(claims);
        final byte[] id = key.id().getBytes(StandardCharsets.US_ASCII);
        final byte[] header = concat(new byte[] {2, Kind.of(claims).code(), (byte) id.length}, id);
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(SubKeys.hmac(key, SubKeys.V2_SYNTHETIC_IV));
            mac.update(header);
            final byte[] siv = Arrays.copyOf(mac.doFinal(plaintext), 16);
            final Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.ENCRYPT_MODE, SubKeys.aes(key, SubKeys.V2_AES_CTR), new IvParameterSpec(siv));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(concat(concat(header, siv), ctr.doFinal(plaintext)));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(final byte[] first, final byte[] second) {
        final byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
