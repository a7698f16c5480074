package io.pixelgate.platform;

import io.pixelgate.events.RejectedRecord;
import io.pixelgate.platform.Rejections.Source;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.registry.SchemaRegistryException;
import io.pixelgate.schemas.serde.InvalidInputException;
import java.nio.charset.StandardCharsets;
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
 * Routes a record a processor threw on to the rejected topic, and processing goes on. Two kinds:
 * an {@link InvalidInputException} is a rule the record breaks that is only known while its
 * outputs are made (they would be too large, say): the rejection gives the processor's reason.
 * Anything else is a bug or input the gates let through: the reason names the processor and the
 * exception. Processors check before they write a store, so the record leaves nothing behind.
 *
 * <p>A failure of the schema registry that may pass (unreachable, 5xx, 429) is not the record's
 * fault: it fails the thread instead, which is replaced and retries the record from the last
 * commit. Configured by {@link StreamsApp}; the rejected topic object travels in the Streams configs
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
        if (isTransientRegistryFailure(exception)) {
            LOG.warn("record {}-{}@{} could not be processed because the schema registry failed; retrying: {}",
                    context.topic(), context.partition(), context.offset(), exception.getMessage());
            return Response.fail();
        }
        final String reason = exception instanceof InvalidInputException
                ? exception.getMessage()
                : "processing failed in " + context.processorNodeId() + ": " + exception;
        if (exception instanceof InvalidInputException) {
            LOG.info("record {}-{}@{} rejected in {}: {}", context.topic(), context.partition(), context.offset(),
                    context.processorNodeId(), reason);
        } else {
            LOG.warn("record {}-{}@{} failed in processor {}; sent to the rejected topic and skipped", context.topic(),
                    context.partition(), context.offset(), context.processorNodeId(), exception);
        }
        if (rejected == null) {
            return Response.resume();
        }
        return Response.resume(List.of(deadLetter(rejected, context, reason)));
    }

    /**
     * The rejected-topic record for the input being processed in {@code context}: where the user
     * wrote it (from the {@link Rejections#SOURCE_HEADER} after a repartition), its bytes, the reason.
     */
    static ProducerRecord<byte[], byte[]> deadLetter(final Topic<RejectedRecord> rejected,
                                                     final ErrorHandlerContext context, final String reason) {
        final Source source = Source.of(context.headers());
        final RejectedRecord rejection = source != null
                ? Rejections.rejection(source.topic(), source.partition(), source.offset(), context.sourceRawValue(),
                        reason, Instant.now())
                : Rejections.rejection(context.topic(), context.partition(), context.offset(), context.sourceRawValue(),
                        reason, Instant.now());
        final byte[] key = source != null
                ? source.key() == null ? null : Rejections.key(source.key()).getBytes(StandardCharsets.UTF_8)
                : Rejections.key(context.sourceRawKey());
        return new ProducerRecord<>(rejected.name(), key, rejected.valueSerde().encode(rejected.name(), rejection));
    }

    private static boolean isTransientRegistryFailure(final Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry && registry.transientFailure()) {
                return true;
            }
        }
        return false;
    }
}
