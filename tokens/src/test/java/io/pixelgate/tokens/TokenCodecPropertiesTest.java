package io.pixelgate.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TokenCodecPropertiesTest {

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final TokenKeys keys = TokenKeys.generate("k1");
    private final TokenCodec codec = new TokenCodec(keys);

    @Property
    void everyClaimsOpenToThemselves(@ForAll("claims") final Claims claims) {
        // when
        final TokenResult<Claims> opened = codec.open(codec.issue(claims));

        // then
        assertThat(opened.toOptional()).contains(claims);
    }

    @Property
    void equalClaimsGiveEqualTokensAndDifferentClaimsDifferentOnes(
            @ForAll("claims") final Claims first, @ForAll("claims") final Claims second) {
        // given
        final TokenCodec sameKeys = new TokenCodec(TokenKeys.parse(keys.toConfigString()));

        // when / then
        assertThat(sameKeys.issue(first)).isEqualTo(codec.issue(first));
        assertThat(codec.issue(first).equals(codec.issue(second))).isEqualTo(first.equals(second));
    }

    @Property
    void changingAnyOneCharacterInvalidatesTheToken(@ForAll("claims") final Claims claims,
            @ForAll @IntRange(min = 0, max = 10_000) final int position,
            @ForAll @IntRange(min = 1, max = 63) final int shift) {
        // given
        final String token = codec.issue(claims);
        final int at = position % token.length();
        final char replacement = BASE64URL.charAt((BASE64URL.indexOf(token.charAt(at)) + shift) % BASE64URL.length());

        // when
        final String altered = token.substring(0, at) + replacement + token.substring(at + 1);

        // then
        assertThat(codec.open(altered).isValid()).isFalse();
    }

    @Property
    void changingAnyOneByteInvalidatesTheToken(@ForAll("claims") final Claims claims,
            @ForAll @IntRange(min = 0, max = 10_000) final int position,
            @ForAll @IntRange(min = 1, max = 255) final int flip) {
        // given
        final byte[] bytes = Base64.getUrlDecoder().decode(codec.issue(claims));
        final int at = position % bytes.length;

        // when
        bytes[at] ^= (byte) flip;

        // then
        assertThat(codec.open(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).isValid()).isFalse();
    }

    @Property
    void anyTruncationOrExtensionInvalidatesTheToken(@ForAll("claims") final Claims claims,
            @ForAll @IntRange(min = 0, max = 10_000) final int cut, @ForAll("base64url") final String extra) {
        // given
        final String token = codec.issue(claims);

        // when
        final String truncated = token.substring(0, cut % token.length());

        // then
        assertThat(codec.open(truncated).isValid()).isFalse();
        assertThat(codec.open(token + extra).isValid()).isFalse();
    }

    @Property
    void tokenIssuedUnderAnotherKeyIsRejected(@ForAll("claims") final Claims claims) {
        // given
        final String sameKeyIdOtherKey = new TokenCodec(TokenKeys.generate("k1")).issue(claims);
        final String otherKeyId = new TokenCodec(TokenKeys.generate("k9")).issue(claims);

        // when / then
        assertThat(codec.open(sameKeyIdOtherKey).rejection()).contains(Rejection.FORGED);
        assertThat(codec.open(otherKeyId).rejection()).contains(Rejection.UNKNOWN_KEY);
    }

    @Property
    void anonymousPixelCarriesNoPersonAndNoMessage(@ForAll("distinctiveIds") final String messageId,
            @ForAll("distinctiveIds") final String profileId, @ForAll("campaigns") final CampaignIdentity campaign,
            @ForAll final IdentifiedMode mode, @ForAll final long sentAt) {
        // given
        final MessageIdentity message = new MessageIdentity(messageId, profileId, campaign, mode, sentAt);
        final AnonymousPixel pixel = new AnonymousPixel(message.campaign());

        // when
        final String token = codec.issue(pixel);

        // then: the token is the campaign's alone, and no form of it holds the ids
        assertThat(token).isEqualTo(codec.issue(new AnonymousPixel(campaign)));
        assertThat(token).doesNotContain(messageId, profileId);
        final String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);
        final ClaimsWriter encoded = new ClaimsWriter();
        ClaimsFormat.encode(pixel, encoded);
        final String plaintext = new String(encoded.bytes(), 0, encoded.length(), StandardCharsets.ISO_8859_1);
        assertThat(decoded).doesNotContain(messageId, profileId);
        assertThat(plaintext).doesNotContain(messageId, profileId);
    }

    @Property
    void personalTokensShowNoIdentifierInClear(@ForAll("distinctiveIds") final String messageId,
            @ForAll("distinctiveIds") final String profileId, @ForAll("campaigns") final CampaignIdentity campaign) {
        // given
        final MessageIdentity message = new MessageIdentity(messageId, profileId, campaign, IdentifiedMode.PERSONAL, 0L);

        // when
        final String pixel = codec.issue(new PersonalPixel(message));
        final String preferences = codec.issue(new Preferences(profileId, campaign.projectId()));

        // then
        for (final String token : new String[] {pixel, preferences}) {
            final String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);
            assertThat(token).doesNotContain(messageId, profileId);
            assertThat(decoded).doesNotContain(messageId, profileId);
        }
    }

    @Property
    void anyStringGetsAnAnswerAndNoneOpens(@ForAll final String anything) {
        // given
        Assume.that(anything != null);

        // when
        final TokenResult<Claims> opened = codec.open(anything);

        // then
        assertThat(opened.isValid()).isFalse();
    }

    @Property
    void anyBase64StringGetsAnAnswerAndNoneOpens(@ForAll("base64url") final String anything) {
        // when
        final TokenResult<Link> opened = codec.open("AQ" + anything, Link.class);

        // then
        assertThat(opened.isValid()).isFalse();
    }

    @Provide
    Arbitrary<Claims> claims() {
        return ClaimsArbitraries.claims();
    }

    @Provide
    Arbitrary<CampaignIdentity> campaigns() {
        return ClaimsArbitraries.campaigns();
    }

    @Provide
    Arbitrary<String> distinctiveIds() {
        return ClaimsArbitraries.distinctiveIds();
    }

    @Provide
    Arbitrary<String> base64url() {
        return net.jqwik.api.Arbitraries.strings().withChars(BASE64URL).ofMinLength(1).ofMaxLength(200);
    }
}
