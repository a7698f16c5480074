package io.pixelgate.edge.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.tokens.TokenKeys;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CsrfGuardTest {

    private static final Instant SHOWN = Instant.parse("2026-11-22T10:00:00.123Z");

    private final TokenKeys keys = TokenKeys.generate("k1");
    private final CsrfGuard guard = new CsrfGuard(keys);

    @Test
    void theFieldOfThisBrowserAndThisPageVerifiesAndTellsWhenTheFormWasShown() {
        final String nonce = guard.newNonce();

        assertThat(guard.verify(nonce, "token-a", guard.fieldFor(nonce, "token-a", SHOWN))).hasValue(SHOWN);
    }

    @Test
    void anotherPageAnotherBrowserOrNothingDoesNot() {
        final String nonce = guard.newNonce();
        final String field = guard.fieldFor(nonce, "token-a", SHOWN);

        assertThat(guard.verify(nonce, "token-b", field)).as("other page").isEmpty();
        assertThat(guard.verify(guard.newNonce(), "token-a", field)).as("other browser").isEmpty();
        assertThat(guard.verify(null, "token-a", field)).as("no cookie").isEmpty();
        assertThat(guard.verify(nonce, "token-a", null)).as("no field").isEmpty();
        assertThat(guard.verify("short", "token-a", guard.fieldFor("short", "token-a", SHOWN))).as("malformed nonce")
                .isEmpty();
        assertThat(guard.verify(nonce, "token-a", field.substring(1))).as("malformed field").isEmpty();
    }

    @Test
    void theInstantCannotBeChangedWithoutBreakingTheField() {
        final String nonce = guard.newNonce();
        final byte[] field = Base64.getUrlDecoder().decode(guard.fieldFor(nonce, "token-a", SHOWN));

        for (final long later : new long[] {1, 1_000, 86_400_000}) {
            final byte[] moved = field.clone();
            ByteBuffer.wrap(moved).putLong(SHOWN.toEpochMilli() + later);
            assertThat(guard.verify(nonce, "token-a", Base64.getUrlEncoder().withoutPadding().encodeToString(moved)))
                    .as("shown %d ms later", later).isEmpty();
        }
    }

    @Test
    void everyEdgeWithTheSameKeysAcceptsTheFormsOfTheOthersAndNoOtherDoes() {
        final String nonce = guard.newNonce();
        final String field = guard.fieldFor(nonce, "token-a", SHOWN);

        assertThat(new CsrfGuard(TokenKeys.parse(keys.toConfigString())).verify(nonce, "token-a", field)).hasValue(SHOWN);
        assertThat(new CsrfGuard(TokenKeys.generate("k1")).verify(nonce, "token-a", field)).isEmpty();
    }
}
