package io.pixelgate.platform.ops;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every record a Streams application's producer writes to {@link OutputCounting}. Configured
 * by {@code StreamsApp}: the counting object and the application's name travel in the Streams
 * configs under {@link #COUNTING_CONFIG} and {@link #APPLICATION_CONFIG}, which Streams passes on to
 * its producers. Counting never fails a send.
 */
public final class OutputCountingInterceptor implements ProducerInterceptor<byte[], byte[]> {

    /** Config key holding the {@link OutputCounting}. */
    public static final String COUNTING_CONFIG = "pixelgate.output.counting";
    /** Config key holding the application's name, the {@code application} tag. */
    public static final String APPLICATION_CONFIG = "pixelgate.output.application";

    private static final Logger LOG = LoggerFactory.getLogger(OutputCountingInterceptor.class);

    private OutputCounting counting;
    private String application;

    @Override
    public void configure(final Map<String, ?> configs) {
        counting = (OutputCounting) configs.get(COUNTING_CONFIG);
        application = String.valueOf(configs.get(APPLICATION_CONFIG));
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(final ProducerRecord<byte[], byte[]> record) {
        if (counting != null) {
            try {
                counting.written(application, record.topic(), record.value());
            } catch (final RuntimeException e) {
                LOG.debug("could not count a record written to {}: {}", record.topic(), e.toString());
            }
        }
        return record;
    }

    @Override
    public void onAcknowledgement(final RecordMetadata metadata, final Exception exception) {
        // counted on send
    }

    @Override
    public void close() {
        // nothing held
    }
}
