package io.pixelgate.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The claims format is the one version 1 wrote and read through DataOutputStream and
 * DataInputStream ({@link V1ReferenceCodec}): the same bytes out, and the same answer for any
 * bytes in, valid, damaged or random.
 */
class ClaimsFormatProperties {

    /** Bytes that matter to modified UTF-8: ASCII, NUL, continuations, 2-, 3- and 4-byte leads. */
    private static final byte[] UTF_EDGES = {0x00, 0x01, 'a', 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0,
        (byte) 0xC1, (byte) 0xDF, (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xFF};

    @Property
    void encodingIsTheBytesVersion1Wrote(@ForAll("claims") final Claims claims) {
        // given
        final ClaimsWriter writer = new ClaimsWriter();

        // when
        ClaimsFormat.encode(claims, writer);

        // then
        assertThat(Arrays.copyOf(writer.bytes(), writer.length())).isEqualTo(V1ReferenceCodec.encode(claims));
    }

    @Property
    void decodingAgreesWithVersion1OnDamagedEncodings(@ForAll("claims") final Claims claims,
            @ForAll @IntRange(min = 0, max = 10_000) final int position, @ForAll final byte value,
            @ForAll @IntRange(min = -3, max = 3) final int resize) {
        // given: one byte set to any value, and a few bytes cut or added
        final byte[] encoded = V1ReferenceCodec.encode(claims);
        encoded[position % encoded.length] = value;
        final byte[] damaged = Arrays.copyOf(encoded, Math.max(0, encoded.length + resize));

        // then
        assertSameAnswer(Kind.of(claims), damaged);
    }

    @Property
    void decodingAgreesWithVersion1OnAnyBytes(@ForAll final Kind kind, @ForAll("anyBytes") final byte[] bytes) {
        assertSameAnswer(kind, bytes);
    }

    @Property
    void decodingAgreesWithVersion1OnAnyModifiedUtf8(@ForAll("utfEdges") final byte[] first,
            @ForAll("utfEdges") final byte[] second) {
        // given: a preferences encoding whose two strings hold any mix of the bytes UTF-8 treats apart
        final byte[] bytes = new byte[4 + first.length + second.length];
        bytes[1] = (byte) first.length;
        System.arraycopy(first, 0, bytes, 2, first.length);
        bytes[3 + first.length] = (byte) second.length;
        System.arraycopy(second, 0, bytes, 4 + first.length, second.length);

        // then
        assertSameAnswer(Kind.PREFERENCES, bytes);
    }

    @Property
    void decodingReadsOnlyItsRange(@ForAll("claims") final Claims claims, @ForAll("anyBytes") final byte[] around) {
        // given: the encoding in the middle of other bytes
        final byte[] encoded = V1ReferenceCodec.encode(claims);
        final byte[] buffer = new byte[around.length * 2 + encoded.length];
        System.arraycopy(around, 0, buffer, 0, around.length);
        System.arraycopy(encoded, 0, buffer, around.length, encoded.length);
        System.arraycopy(around, 0, buffer, around.length + encoded.length, around.length);

        // when
        final Optional<Claims> decoded = ClaimsFormat.decode(Kind.of(claims), buffer, around.length, encoded.length);

        // then
        assertThat(decoded).contains(claims);
    }

    @Provide
    Arbitrary<Claims> claims() {
        return ClaimsArbitraries.claims();
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
    }

    @Provide
    Arbitrary<byte[]> utfEdges() {
        final List<Byte> edges = new ArrayList<>();
        for (final byte edge : UTF_EDGES) {
            edges.add(edge);
        }
        return Arbitraries.of(edges).array(byte[].class).ofMaxSize(12);
    }

    private static void assertSameAnswer(final Kind kind, final byte[] bytes) {
        assertThat(ClaimsFormat.decode(kind, bytes, 0, bytes.length))
                .isEqualTo(V1ReferenceCodec.decodeClaims(kind, bytes));
    }
}
