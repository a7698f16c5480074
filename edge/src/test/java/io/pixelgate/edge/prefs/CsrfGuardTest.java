package io.pixelgate.edge.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.tokens.TokenKeys;
import org.junit.jupiter.api.Test;

class CsrfGuardTest {

    private final TokenKeys keys = TokenKeys.generate("k1");
    private final CsrfGuard guard = new CsrfGuard(keys);

    @Test
    void theFieldOfThisBrowserAndThisPageVerifies() {
        final String nonce = guard.newNonce();

        assertThat(guard.verify(nonce, "token-a", guard.fieldFor(nonce, "token-a"))).isTrue();
    }

    @Test
    void anotherPageAnotherBrowserOrNothingDoesNot() {
        final String nonce = guard.newNonce();
        final String field = guard.fieldFor(nonce, "token-a");

        assertThat(guard.verify(nonce, "token-b", field)).as("other page").isFalse();
        assertThat(guard.verify(guard.newNonce(), "token-a", field)).as("other browser").isFalse();
        assertThat(guard.verify(null, "token-a", field)).as("no cookie").isFalse();
        assertThat(guard.verify(nonce, "token-a", null)).as("no field").isFalse();
        assertThat(guard.verify("short", "token-a", guard.fieldFor("short", "token-a"))).as("malformed nonce").isFalse();
    }

    @Test
    void everyEdgeWithTheSameKeysAcceptsTheFormsOfTheOthersAndNoOtherDoes() {
        final String nonce = guard.newNonce();
        final String field = guard.fieldFor(nonce, "token-a");

        assertThat(new CsrfGuard(TokenKeys.parse(keys.toConfigString())).verify(nonce, "token-a", field)).isTrue();
        assertThat(new CsrfGuard(TokenKeys.generate("k1")).verify(nonce, "token-a", field)).isFalse();
    }
}
