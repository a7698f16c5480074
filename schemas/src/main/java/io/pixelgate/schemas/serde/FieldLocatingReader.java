package io.pixelgate.schemas.serde;

import io.pixelgate.schemas.serde.BoundedDecoder.AvroLimitException;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.ResolvingDecoder;

/**
 * Reads a value again, field by field, only to name the field a {@link BoundedDecoder} refusal
 * happened in (e.g. {@code evidence.userAgent}). Avro's fast reader, used for every value, reads
 * records as a whole and cannot say; this slow one is used only once a value was already refused.
 */
final class FieldLocatingReader extends GenericDatumReader<Object> {

    private static final GenericData SLOW = new GenericData().setFastReaderEnabled(false);

    FieldLocatingReader(final Schema writer, final Schema reader) {
        super(writer, reader, SLOW);
    }

    @Override
    protected void readField(final Object record, final Schema.Field field, final Object oldDatum,
                             final ResolvingDecoder in, final Object state) throws IOException {
        try {
            super.readField(record, field, oldDatum, in, state);
        } catch (final AvroLimitException refused) {
            throw refused.within(field.name());
        }
    }
}
