package io.pixelgate.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenCodecTest {

    private static final CampaignIdentity SPRING_SALE_A = new CampaignIdentity("spring-sale", "A", "default");
    private static final MessageIdentity MESSAGE = new MessageIdentity(
            "m-1001", "p-42", SPRING_SALE_A, IdentifiedMode.PERSONAL, 1_795_082_700_000L);
    private static final String UUID_A = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private static final String UUID_B = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    private final TokenKeys keys = TokenKeys.generate("k1");
    private final TokenCodec codec = new TokenCodec(keys);

    @Test
    void everyKindOpensToTheClaimsItWasIssuedFor() {
        // given
        final List<Claims> claims = List.of(
                new PersonalPixel(MESSAGE),
                new AnonymousPixel(SPRING_SALE_A),
                new Link(MESSAGE, 3, "https://shop.example/?utm_source=mail&x=é"),
                new Link(new CampaignIdentity("spring-sale", null, "default"), 0, "http://shop.example/"),
                new Preferences("p-42", "default"));

        for (final Claims issued : claims) {
            // when
            final TokenResult<Claims> opened = codec.open(codec.issue(issued));

            // then
            assertThat(opened).isEqualTo(TokenResult.valid(issued));
        }
    }

    @Test
    void tokensUseOnlyUrlSafeCharactersWithoutPadding() {
        // when
        final String token = codec.issue(new Link(MESSAGE, 0, "https://shop.example/a?b=c"));

        // then
        assertThat(token).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void anonymousPixelIsByteIdenticalForEveryRecipientOfACampaignVariant() {
        // given
        final TokenCodec anotherInstance = new TokenCodec(TokenKeys.parse(keys.toConfigString()));

        // when
        final String forOneRecipient = codec.issue(new AnonymousPixel(SPRING_SALE_A));
        final String forAnother = anotherInstance.issue(new AnonymousPixel(new CampaignIdentity("spring-sale", "A", "default")));
        final String forVariantB = codec.issue(new AnonymousPixel(new CampaignIdentity("spring-sale", "B", "default")));

        // then
        assertThat(forAnother).isEqualTo(forOneRecipient);
        assertThat(forVariantB).isNotEqualTo(forOneRecipient);
    }

    @Test
    void pixelTokenDoesNotOpenAsLinkOrPreferences() {
        // given
        final String pixel = codec.issue(new PersonalPixel(MESSAGE));

        // when / then
        assertThat(codec.open(pixel, Link.class).rejection()).contains(Rejection.WRONG_KIND);
        assertThat(codec.open(pixel, Preferences.class).rejection()).contains(Rejection.WRONG_KIND);
        assertThat(codec.open(pixel, Pixel.class).toOptional()).contains(new PersonalPixel(MESSAGE));
    }

    @Test
    void tokenIssuedUnderOldKeyStillOpensAfterRotation() {
        // given
        final String issuedBeforeRotation = codec.issue(new PersonalPixel(MESSAGE));
        final TokenKeys rotated = TokenKeys.parse(keys.rotate("k2").toConfigString());

        // when
        final TokenCodec afterRotation = new TokenCodec(rotated);

        // then
        assertThat(rotated.activeKeyId()).isEqualTo("k2");
        assertThat(afterRotation.open(issuedBeforeRotation).toOptional()).contains(new PersonalPixel(MESSAGE));
        assertThat(afterRotation.issue(new PersonalPixel(MESSAGE))).isNotEqualTo(issuedBeforeRotation);
    }

    @Test
    void tokenOfRetiredKeyIsRejectedAsUnknownKey() {
        // given
        final String issuedUnderK1 = codec.issue(new Preferences("p-42", "default"));

        // when
        final TokenResult<Claims> opened = new TokenCodec(TokenKeys.generate("k2")).open(issuedUnderK1);

        // then
        assertThat(opened.rejection()).contains(Rejection.UNKNOWN_KEY);
    }

    @Test
    void tokenOfAnotherInstallationWithTheSameKeyIdIsRejectedAsForged() {
        // given
        final String foreign = new TokenCodec(TokenKeys.generate("k1")).issue(new Preferences("p-42", "default"));

        // when
        final TokenResult<Claims> opened = codec.open(foreign);

        // then
        assertThat(opened.rejection()).contains(Rejection.FORGED);
    }

    @Test
    void stringsThatAreNotTokensAreRejectedAsMalformed() {
        // given
        final String valid = codec.issue(new AnonymousPixel(SPRING_SALE_A));
        final List<String> junk = List.of("", "a", "====", "%00", "../../etc/passwd", valid + "=",
                "+" + valid.substring(1), "x".repeat(TokenCodec.MAX_TOKEN_LENGTH + 1), "AQEC");

        for (final String candidate : junk) {
            // when
            final TokenResult<Claims> opened = codec.open(candidate);

            // then
            assertThat(opened.isValid()).as(candidate).isFalse();
        }
        assertThat(codec.open(null).rejection()).contains(Rejection.MALFORMED);
        assertThat(codec.open("AQEC").rejection()).contains(Rejection.MALFORMED);
    }

    @Test
    void typicalTokensStayShortEnoughForUrls() {
        // given
        final MessageIdentity withUuids = new MessageIdentity(UUID_A, UUID_B,
                new CampaignIdentity("spring-sale-2026", "A", "default"), IdentifiedMode.DELIVERABILITY,
                1_795_082_700_000L);

        // when / then
        assertThat(codec.issue(new AnonymousPixel(SPRING_SALE_A))).hasSizeLessThanOrEqualTo(80);
        assertThat(codec.issue(new PersonalPixel(MESSAGE))).hasSizeLessThanOrEqualTo(110);
        assertThat(codec.issue(new PersonalPixel(withUuids))).hasSizeLessThanOrEqualTo(200);
        assertThat(codec.issue(new Preferences(UUID_B, "default"))).hasSizeLessThanOrEqualTo(110);
        assertThat(codec.issue(new Link(MESSAGE, 2, "https://shop.example/spring?utm_source=email")))
                .hasSizeLessThanOrEqualTo(180);
    }

    @Test
    void linkTooLongForAUrlIsRefusedWhenIssued() {
        // given
        final Link huge = new Link(MESSAGE, 0, "https://shop.example/" + "a".repeat(TokenCodec.MAX_TOKEN_LENGTH));

        // when / then
        assertThatThrownBy(() -> codec.issue(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit is " + TokenCodec.MAX_TOKEN_LENGTH);
    }

    @Test
    void oneCodecIssuesAndOpensOnManyThreadsAtOnce() throws Exception {
        // given: the tokens one thread makes, as the reference
        final List<Claims> claims = IntStream.range(0, 500)
                .mapToObj(i -> (Claims) new Link(new MessageIdentity("m-" + i, "p-" + i % 7, SPRING_SALE_A,
                        IdentifiedMode.PERSONAL, i), i % 5, "https://shop.example/" + "x".repeat(i % 300)))
                .toList();
        final List<String> expected = claims.stream().map(codec::issue).toList();
        final ExecutorService threads = Executors.newFixedThreadPool(4);

        // when: four threads issue and open the same tokens in different orders, interleaved
        final List<Future<Integer>> agreed = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            final int stride = 2 * t + 1;
            agreed.add(threads.submit(() -> {
                int same = 0;
                for (int n = 0; n < claims.size() * 4; n++) {
                    final int i = n * stride % claims.size();
                    final boolean issued = codec.issue(claims.get(i)).equals(expected.get(i));
                    final boolean opened = codec.open(expected.get(i)).equals(TokenResult.valid(claims.get(i)));
                    same += issued && opened ? 1 : 0;
                }
                return same;
            }));
        }
        threads.shutdown();

        // then
        for (final Future<Integer> thread : agreed) {
            assertThat(thread.get(1, TimeUnit.MINUTES)).isEqualTo(claims.size() * 4);
        }
    }

    @Test
    void linkRefusesTargetsThatAreNotHttp() {
        // when / then
        assertThatThrownBy(() -> new Link(MESSAGE, 0, "javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http");
        assertThatThrownBy(() -> new Link(MESSAGE, -1, "https://shop.example/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linkIndex");
    }
}
