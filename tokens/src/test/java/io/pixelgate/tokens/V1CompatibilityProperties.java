package io.pixelgate.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Version 1 tokens, made by the old code kept in the tests, under the current codec. */
class V1CompatibilityProperties {

    private final TokenKeys keys = TokenKeys.generate("k1");
    private final TokenCodec codec = new TokenCodec(keys);
    private final V1ReferenceCodec oldCode = new V1ReferenceCodec(keys);

    @Property
    void everyV1TokenOpensToTheClaimsItWasIssuedFor(@ForAll("claims") final Claims claims) {
        // given
        final String v1 = oldCode.issue(claims);

        // when
        final TokenResult<Claims> opened = codec.open(v1);

        // then
        assertThat(opened.toOptional()).contains(claims);
    }

    @Property
    void changingAnyOneByteOfAV1TokenInvalidatesIt(@ForAll("claims") final Claims claims,
            @ForAll @IntRange(min = 0, max = 10_000) final int position,
            @ForAll @IntRange(min = 1, max = 255) final int flip) {
        // given
        final byte[] bytes = Base64.getUrlDecoder().decode(oldCode.issue(claims));
        final int at = position % bytes.length;

        // when
        bytes[at] ^= (byte) flip;

        // then
        assertThat(codec.open(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).isValid()).isFalse();
    }

    @Property
    void v1TokenUnderAnotherKeyWithTheSameIdIsForged(@ForAll("claims") final Claims claims) {
        // given
        final String foreign = new V1ReferenceCodec(TokenKeys.generate("k1")).issue(claims);

        // when / then
        assertThat(codec.open(foreign).rejection()).contains(Rejection.FORGED);
    }

    @Property
    void v1TokenOpensAsItsKindAndNoOther(@ForAll("claims") final Claims claims) {
        // given
        final String v1 = oldCode.issue(claims);
        final Class<? extends Claims> otherKind = claims instanceof Preferences ? Link.class : Preferences.class;

        // when / then
        assertThat(codec.open(v1, claims.getClass()).isValid()).isTrue();
        assertThat(codec.open(v1, otherKind).rejection()).contains(Rejection.WRONG_KIND);
    }

    @Provide
    Arbitrary<Claims> claims() {
        return ClaimsArbitraries.claims();
    }
}
