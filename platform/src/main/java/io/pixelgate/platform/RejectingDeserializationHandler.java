package io.pixelgate.platform;

import io.pixelgate.events.RejectedRecord;
import io.pixelgate.schemas.Topic;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record a typed source cannot deserialize (a table read with its serde, such as consent-state
 * in the send-enricher) goes to the rejected topic and processing resumes; inputs read as bytes
 * through {@link Inputs} never get here. Kafka Streams' default would fail the thread on it for ever.
 */
public final class RejectingDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RejectingDeserializationHandler.class);

    private Topic<RejectedRecord> rejected;

    @Override
    @SuppressWarnings("unchecked")
    public void configure(final Map<String, ?> configs) {
        rejected = (Topic<RejectedRecord>) configs.get(RejectingExceptionHandler.REJECTED_TOPIC_CONFIG);
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
                                final Exception exception) {
        final String reason = "cannot be read: " + exception.getMessage();
        LOG.warn("record {}-{}@{} rejected: {}", context.topic(), context.partition(), context.offset(), reason);
        if (rejected == null) {
            return Response.resume();
        }
        return Response.resume(List.of(RejectingExceptionHandler.deadLetter(rejected, context, reason)));
    }
}
