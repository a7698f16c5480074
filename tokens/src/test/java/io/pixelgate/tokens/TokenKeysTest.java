package io.pixelgate.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenKeysTest {

    private static final String KEY_32 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_16 = Base64.getEncoder().encodeToString(new byte[16]);

    @Test
    void firstKeyIsActiveAndEveryKeyIsKnown() {
        // when
        final TokenKeys keys = TokenKeys.parse(" k1:" + KEY_32 + " , k0:" + KEY_16);

        // then
        assertThat(keys.activeKeyId()).isEqualTo("k1");
        assertThat(keys.keyIds()).containsExactly("k1", "k0");
        assertThat(keys.find("k0")).isPresent();
        assertThat(keys.find("k2")).isEmpty();
    }

    @Test
    void generatedKeysSurviveTheirConfigString() {
        // given
        final TokenKeys generated = TokenKeys.generate("dev");
        final String token = new TokenCodec(generated).issue(new Preferences("p-42", "default"));

        // when
        final TokenKeys reread = TokenKeys.parse(generated.toConfigString());

        // then
        assertThat(reread.toConfigString()).isEqualTo(generated.toConfigString());
        assertThat(new TokenCodec(reread).open(token).isValid()).isTrue();
        assertThat(TokenKeys.generate("dev").toConfigString()).isNotEqualTo(generated.toConfigString());
    }

    @Test
    void urlSafeAndUnpaddedBase64AreAccepted() {
        // given
        final byte[] key = new byte[32];
        key[0] = (byte) 0xFB;
        key[1] = (byte) 0xFF;

        // when
        final TokenKeys keys = TokenKeys.parse("k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(key));

        // then
        assertThat(keys.toConfigString()).isEqualTo("k1:" + Base64.getEncoder().encodeToString(key));
    }

    @Test
    void rotationPutsANewActiveKeyInFrontOfTheOldOnes() {
        // given
        final TokenKeys keys = TokenKeys.parse("k1:" + KEY_32);

        // when
        final TokenKeys rotated = keys.rotate("k2");

        // then
        assertThat(rotated.keyIds()).containsExactly("k2", "k1");
        assertThatThrownBy(() -> rotated.rotate("k1")).hasMessageContaining("'k1' appears twice");
    }

    @Test
    void descriptionNamesKeysWithoutShowingThem() {
        // given
        final TokenKeys keys = TokenKeys.parse("k1:" + KEY_32);

        // when / then
        assertThat(keys.toString()).isEqualTo("TokenKeys[active=k1, keys=[k1]]");
    }

    @Test
    void eachConfigurationMistakeIsNamed() {
        assertRejected(null, "token keys are empty");
        assertRejected("  ", "token keys are empty");
        assertRejected("k1" + KEY_32, "entry 1 is missing ':'");
        assertRejected("k1:" + KEY_32 + ",", "entry 2 is empty");
        assertRejected("k 1:" + KEY_32, "entry 1 has key id 'k 1'");
        assertRejected(":" + KEY_32, "entry 1 has key id ''");
        assertRejected("k1:" + KEY_32 + ",k0:not*base64", "token key 'k0' is not valid base64");
        assertRejected("k1:" + Base64.getEncoder().encodeToString(new byte[20]), "'k1' is 20 bytes; AES needs 16, 24 or 32");
        assertRejected("k1:" + KEY_32 + ",k1:" + KEY_16, "'k1' appears twice");
    }

    @Test
    void errorsNeverQuoteTheKey() {
        // given
        final String wrongLength = Base64.getEncoder().encodeToString("twenty-byte-secret!!".getBytes());

        // when / then
        assertThatThrownBy(() -> TokenKeys.parse("k1:" + wrongLength)).message().doesNotContain(wrongLength);
        assertThatThrownBy(() -> TokenKeys.parse(KEY_32 + ":k1")).message()
                .doesNotContain(KEY_32)
                .contains("key id of 44 characters");
    }

    private static void assertRejected(final String config, final String message) {
        assertThatThrownBy(() -> TokenKeys.parse(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
