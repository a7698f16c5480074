package io.pixelgate.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Version 1 tokens made before version 2 existed: issued by the code of commit e2a3ede (the last
 * that issued them) under the fixed test keys below, one per claims, under a 32-byte key (g1) and a
 * 16-byte one (g0). Emails already sent carry such tokens for months, so they must keep opening.
 */
class V1CompatibilityTest {

    /** Test keys only, made for these tokens: {@code g1} 32 bytes, {@code g0} 16 bytes. */
    private static final String G1 = "g1:AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o=";
    private static final String G0 = "g0:ZWxzeoGIj5adpKuyucDHzg==";
    private static final CampaignIdentity SPRING_SALE_A = new CampaignIdentity("spring-sale", "A", "default");
    private static final MessageIdentity MESSAGE = new MessageIdentity(
            "m-1001", "p-42", SPRING_SALE_A, IdentifiedMode.PERSONAL, 1_795_082_700_000L);

    private static final List<Golden> GOLDEN = List.of(
            new Golden(new PersonalPixel(MESSAGE),
                    "AQECZzHW3YW-GucrDfdJZ504173dQ4NuSZYed_jyRPo1VRD5khwbHP82ie1_PsSUBijmPOY2CZSnxwQCu9cM1wGV1WvVUPX7gcxrnc1mer8",
                    "AQECZzCzpMjU23HLus_00pF4VZXN8vb0C2NOW4n9Ar3xj9_OQ8TQh_LG9T4MYNuYsLp5r6Qr5yFVe4MlJGo9zHDM1eFSBi1tipuqbMCO1sE"),
            new Golden(new PersonalPixel(new MessageIdentity("3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                    "7c9e6679-7425-40de-944b-e07fc1f90ae7", new CampaignIdentity("spring-sale-2026", null, "shop"),
                    IdentifiedMode.DELIVERABILITY, -1L)),
                    "AQECZzHWOVLTF6Plsht6c8AoxHjpBRW0EIxwK5HzkXGCOKp7qzm6p_6WlbjZ0-H7LUrCeFBgCdSHJOSxkMYIElxBB2wVj7gYdr8N8xH8HbxIMKWP3I_L8fU7mYKAEp8JV236_ttmqjQddncAlzJqB-ec-mARmeMrkt1QbN7m_Io2zOhSoac-t5tGevXr44T5Fw",
                    "AQECZzBLndC5vjinfEj3FGRkYwt8185IEuv5Ayg6qJE9YQxt5cWwyYIeOpMxPEO5iva6chWKPe6jvnWp3q9EOmzv2x9D4iSwcEwsAmZzdjAZgngzEQUoJ855_lb2VupgiytYLw5nRLh_sFrs38Gm8XpX7-boEA47kNI1rmHIOeLquRG6BolDJTioA1EMqH9J4w"),
            new Golden(new AnonymousPixel(SPRING_SALE_A),
                    "AQICZzEDsIDtnMDgCpjDZLr0rGnvkGIuOO92Des0VEL3t5Ig1oYSoOdm9LpwjQKDc9z9IGjDZz4IFHg",
                    "AQICZzD5kv5K-oZcf9dYeS9b_qvbYC0kMy6TIxxJ1xHw72Scyq_33RqGz_X4VMQgOnrl5ht6VPd8z0M"),
            new Golden(new AnonymousPixel(new CampaignIdentity("", null, "")),
                    "AQICZzH0joOrUyi9mY0ZkdfEf7YrjsoQChai6YE_y6e9gtF4fWI",
                    "AQICZzA_0zNcnUlTq11bxIs2ZBk9wuKDXYH1UxMH2hVpzHICldk"),
            new Golden(new Link(MESSAGE, 3, "https://shop.example/?utm_source=mail&x=\u00e9"),
                    "AQMCZzF-yTnTzVizU3sPtc_t6Uu8JPsqBfPvwkTAX-kc6e9ths1dA-1kaD3WX6HNT8O4OOUmVcvta2gUwhKRB5na7ncL6sTEFGmwAifLP1nb8ZolCtEmxqEYrErO-JyyLKnIirfk2aM-lYol0LrmrXOKkNEcCAVk7Wt9aF1X",
                    "AQMCZzAXVWHItxgYd8B5IaxhDkC2Y6HMTv5ZNYHA7V1ANEn3pmUbhfvNxuiJG3lQ6atb1obEsJyG7Na4TfNzFvMbEE4DOKDylBAUhV9s8Tx2XyDbgNVUPaTP4qFMYM-LZOXKwzQuzG8iDO2DkzYBD8R1xUl1QyYm12VlpClP"),
            new Golden(new Link(new CampaignIdentity("spring-sale", null, "default"), Integer.MAX_VALUE, "http://shop.example/"),
                    "AQMCZzGBvt2BuBiidA1Aa9jdmwo7NEXqjMgrjLOl68nLMhzMi8Tz6KKu7Qi0rRlk4iO3ObGpXuZGXHZT3n6HwL3M0mKUobeNY6U2dTFq-SnZFqlK",
                    "AQMCZzAWvrWDwHKmNMYQDROx9hevu7AZF5YiooFLPJsjtSe5V9AmpS8f4JuxVYqEZ9yhQTMjbg0cBIN2hMgNtEifex7vkX04YCDJdRcp7EUU3gtY"),
            new Golden(new Preferences("p-42", "default"),
                    "AQQCZzHscJH_X9SPpeuLqHj_rEfIq4mjyDNLZne42zmAsBafr-gIEp3C2IHQCpVY",
                    "AQQCZzAY9ZiHFl2CFkqvNPJDae_h4oVRzrxfBi3udXGGAT2Hp-oALYtzo3lWRNLW"),
            new Golden(new Preferences("\u0000nul\ud800lone\u20ac\ud83d\ude00", "proj\u00ff"),
                    "AQQCZzGh_JDapePrGYWhiOBiIDYwYISHjXJtiGx9OiNNpPFNhslbsGbFHy-YusR2AuFgacOYMqZ5YkIDxwJ9Mw",
                    "AQQCZzB4O-AGu_gqiAPYgRMSXaa8O47SJmcAym_0-m5sgepgjTFLEHzmzy3z6nFAe4fck_K8_xv2yJqb33i8EA"));

    private final TokenCodec codec = new TokenCodec(TokenKeys.parse(G1 + "," + G0));

    @Test
    void v1TokensIssuedBeforeVersion2OpenToTheirClaims() {
        for (final Golden golden : GOLDEN) {
            // when
            final TokenResult<Claims> underG1 = codec.open(golden.underG1());
            final TokenResult<Claims> underG0 = codec.open(golden.underG0());

            // then
            assertThat(underG1).as(golden.underG1()).isEqualTo(TokenResult.valid(golden.claims()));
            assertThat(underG0).as(golden.underG0()).isEqualTo(TokenResult.valid(golden.claims()));
        }
    }

    @Test
    void referenceCodecInTheTestsIssuesExactlyWhatTheOldCodeDid() {
        // given
        final V1ReferenceCodec g1 = new V1ReferenceCodec(TokenKeys.parse(G1));
        final V1ReferenceCodec g0 = new V1ReferenceCodec(TokenKeys.parse(G0));

        for (final Golden golden : GOLDEN) {
            // when / then
            assertThat(g1.issue(golden.claims())).isEqualTo(golden.underG1());
            assertThat(g0.issue(golden.claims())).isEqualTo(golden.underG0());
        }
    }

    @Test
    void v1TokenOpensOnlyAsItsOwnKind() {
        // given
        final String pixel = GOLDEN.get(0).underG1();

        // when / then
        assertThat(codec.open(pixel, Link.class).rejection()).contains(Rejection.WRONG_KIND);
        assertThat(codec.open(pixel, Pixel.class).toOptional()).contains(new PersonalPixel(MESSAGE));
    }

    @Test
    void v1TokenOfARetiredKeyIsRejectedAsUnknownKey() {
        // given
        final TokenCodec withoutG0 = new TokenCodec(TokenKeys.parse(G1));

        // when / then
        assertThat(withoutG0.open(GOLDEN.get(6).underG0()).rejection()).contains(Rejection.UNKNOWN_KEY);
    }

    @Test
    void newTokensAreVersion2AndShorterThanVersion1() {
        for (final Golden golden : GOLDEN) {
            // when
            final String issued = codec.issue(golden.claims());

            // then: the same claims and key, 12 bytes (16 characters) less than version 1
            assertThat(issued).startsWith("Ag");
            assertThat(issued).hasSize(golden.underG1().length() - 16);
        }
    }

    private record Golden(Claims claims, String underG1, String underG0) {
    }
}
