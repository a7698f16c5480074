package io.pixelgate.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Base64url as version 1 had it: the JDK's encoding without padding, and a string accepted only
 * when re-encoding its bytes gives the string back (its one canonical spelling).
 */
class Base64UrlProperties {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Property
    void encodingIsTheJdksWithoutPadding(@ForAll("bytes") final byte[] bytes) {
        assertThat(Base64Url.encode(bytes)).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        assertThat(Base64Url.encodedLength(bytes.length)).isEqualTo(Base64Url.encode(bytes).length());
    }

    @Property
    void decodingAcceptsExactlyTheCanonicalSpellings(@ForAll("nearlyBase64") final String text) {
        // given
        final byte[] into = new byte[Envelope.MAX_BYTES];

        // when
        final int length = Base64Url.decode(text, into);

        // then
        final Optional<byte[]> expected = canonicalBytes(text);
        assertThat(length >= 0).as(text).isEqualTo(expected.isPresent());
        expected.ifPresent(bytes -> assertThat(Arrays.copyOf(into, length)).isEqualTo(bytes));
    }

    @Property
    void everyEncodingDecodesToItsBytes(@ForAll("bytes") final byte[] bytes) {
        // given
        final byte[] into = new byte[Envelope.MAX_BYTES];

        // when
        final int length = Base64Url.decode(Base64Url.encode(bytes), into);

        // then
        assertThat(Arrays.copyOf(into, length)).isEqualTo(bytes);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(100);
    }

    /** Mostly the alphabet, now and then padding, the other Base64 alphabet's characters, or worse. */
    @Provide
    Arbitrary<String> nearlyBase64() {
        final Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(40, Arbitraries.of(ALPHABET.chars().mapToObj(c -> (char) c).toList())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of('=', '+', '/', ' ', '\n', '\u00e9', '\u0000', '\u20ac')));
        return chars.list().ofMaxSize(30).map(list -> {
            final StringBuilder text = new StringBuilder();
            list.forEach(text::append);
            return text.toString();
        });
    }

    /** What version 1 did: the JDK's decoding, kept only when re-encoding gives the text back. */
    private static Optional<byte[]> canonicalBytes(final String text) {
        try {
            final byte[] bytes = Base64.getUrlDecoder().decode(text);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)
                    ? Optional.of(bytes) : Optional.empty();
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
