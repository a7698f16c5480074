package io.pixelgate.schemas;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import io.pixelgate.schemas.serde.InputDecoder;
import io.pixelgate.schemas.serde.InvalidInputException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Whatever bytes arrive, decoding gives a value or an InvalidInputException: never another failure. */
class DecodingNeverThrowsOtherwiseProperties {

    private final Topics topics = Topics.create("pixelgate.", 1000, new InMemorySchemaRegistry());

    @Property(tries = 500)
    void arbitraryBytesDecodeOrAreRejectedWithAReason(@ForAll final byte[] raw) {
        final InputDecoder<?> decoder = topics.sendRequests().decoder();
        assertThatCode(() -> {
            try {
                decoder.decode(raw, System.currentTimeMillis());
            } catch (final InvalidInputException expected) {
                // a reason for the rejected topic: fine
            }
        }).doesNotThrowAnyException();
    }

    @Property(tries = 500)
    void arbitraryJsonishTextDecodesOrIsRejectedWithAReason(@ForAll final String text) {
        final InputDecoder<?> decoder = topics.consentChanges().decoder();
        final byte[] raw = ("{" + text).getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> {
            try {
                decoder.decode(raw, System.currentTimeMillis());
            } catch (final InvalidInputException expected) {
                // a reason for the rejected topic: fine
            }
        }).doesNotThrowAnyException();
    }
}
