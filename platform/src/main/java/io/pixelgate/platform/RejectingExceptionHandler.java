package io.pixelgate.platform;

import io.pixelgate.events.RejectedRecord;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.registry.SchemaRegistryException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence: a record that makes a processor throw (a bug, or input the decoders let
 * through) is written to the rejected topic with the exception as its reason, and processing goes
 * on. A failure of the schema registry is not the record's fault: it fails the thread instead, which
 * is replaced and retries the record. Configured by {@link StreamsApp}; the rejected topic object travels in the Streams configs
 * under {@link #REJECTED_TOPIC_CONFIG}.
 */
public final class RejectingExceptionHandler implements ProcessingExceptionHandler {

    /** Config key holding the {@code Topic<RejectedRecord>} to write to. */
    public static final String REJECTED_TOPIC_CONFIG = "pixelgate.rejected.topic";

    private static final Logger LOG = LoggerFactory.getLogger(RejectingExceptionHandler.class);

    private Topic<RejectedRecord> rejected;

    @Override
    @SuppressWarnings("unchecked")
    public void configure(final Map<String, ?> configs) {
        rejected = (Topic<RejectedRecord>) configs.get(REJECTED_TOPIC_CONFIG);
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
        if (isInfrastructure(exception)) {
            // Not the record's fault: fail, so the thread is replaced and the record retried from the
            // last commit instead of being skipped while the registry is away.
            LOG.warn("record {}-{}@{} could not be processed because the schema registry failed; retrying: {}",
                    context.topic(), context.partition(), context.offset(), exception.getMessage());
            return Response.fail();
        }
        LOG.warn("record {}-{}@{} failed in processor {}; sent to the rejected topic and skipped", context.topic(),
                context.partition(), context.offset(), context.processorNodeId(), exception);
        if (rejected == null) {
            return Response.resume();
        }
        final RejectedRecord rejection = Rejections.rejection(context.topic(), context.partition(), context.offset(),
                context.sourceRawValue(), "processing failed in " + context.processorNodeId() + ": " + exception,
                Instant.now());
        final byte[] value = rejected.valueSerde().encode(rejected.name(), rejection);
        return Response.resume(List.of(new ProducerRecord<>(rejected.name(), context.sourceRawKey(), value)));
    }

    private static boolean isInfrastructure(final Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException) {
                return true;
            }
        }
        return false;
    }
}
