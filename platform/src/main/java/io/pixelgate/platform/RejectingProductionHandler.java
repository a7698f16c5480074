package io.pixelgate.platform;

import io.pixelgate.events.RejectedRecord;
import io.pixelgate.schemas.Topic;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production side of "one record never stops an application": outputs that cannot be written.
 * Processors check sizes and timestamps before they forward, so this is the last line.
 *
 * <ul>
 * <li>An output that cannot be serialized: Kafka Streams has not sent anything yet, so the input
 *     goes to the rejected topic in the same transaction (KIP-1034's dead-letter records) and
 *     processing resumes.</li>
 * <li>An output the producer refuses as too large ({@code max.request.size}): under exactly-once
 *     that aborts the transaction, and no dead-letter record can be sent in it. The input is
 *     remembered ({@link PoisonRecords}) and the thread fails; its replacement meets the input again
 *     and the gate rejects it with this reason. The producer refuses inside the send, so the input
 *     being processed is the one that made the record.</li>
 * <li>Anything else (the broker refusing a record after it was sent, a timeout) is reported with the
 *     topic and size and fails the thread, which is replaced and retries: such an answer arrives
 *     while later records are processed, so which input made the record is not known, and rejecting
 *     a guess would drop a valid record.</li>
 * </ul>
 */
public final class RejectingProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RejectingProductionHandler.class);

    private Topic<RejectedRecord> rejected;
    private PoisonRecords poison;

    @Override
    @SuppressWarnings("unchecked")
    public void configure(final Map<String, ?> configs) {
        rejected = (Topic<RejectedRecord>) configs.get(RejectingExceptionHandler.REJECTED_TOPIC_CONFIG);
        poison = (PoisonRecords) configs.get(PoisonRecords.CONFIG);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(final ErrorHandlerContext context, final ProducerRecord record,
                                             final Exception exception, final SerializationExceptionOrigin origin) {
        final String reason = "its output to " + record.topic() + " cannot be serialized: " + exception;
        LOG.warn("record {}-{}@{} rejected: {}", context.topic(), context.partition(), context.offset(), reason);
        if (rejected == null) {
            return Response.resume();
        }
        return Response.resume(List.of(RejectingExceptionHandler.deadLetter(rejected, context, reason)));
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record,
                                final Exception exception) {
        final int size = (record.key() == null ? 0 : record.key().length)
                + (record.value() == null ? 0 : record.value().length);
        if (exception instanceof RecordTooLargeException && poison != null && context.topic() != null) {
            final String reason = "its output to " + record.topic() + " (" + size + " bytes) was refused by the "
                    + "producer: " + exception.getMessage();
            poison.remember(context.topic(), context.partition(), context.offset(), reason, context.sourceRawKey(),
                    context.sourceRawValue());
            LOG.warn("record {}-{}@{} will be rejected on retry: {}", context.topic(), context.partition(),
                    context.offset(), reason);
        } else {
            LOG.error("writing {} bytes to {} failed ({}); the thread fails and is replaced, and the records since "
                    + "the last commit are processed again. If this repeats, check the topic's max.message.bytes "
                    + "and the broker's limits", size, record.topic(), exception.toString());
        }
        return Response.fail();
    }
}
