package io.pixelgate.soak;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the Streams applications are behind: for each consumer group (application id), the
 * committed records still to process on every partition it reads (inputs and repartitions), against
 * the last stable offsets. "Caught up" is the sum of them under a small bound.
 */
final class Lag implements AutoCloseable {

    private final Admin admin;
    private final List<String> groups;

    Lag(final String bootstrap, final List<String> groups) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        this.groups = List.copyOf(groups);
    }

    /** Records behind, summed over every group; -1 when the cluster cannot tell now (a broker is away). */
    long total() {
        long sum = 0;
        for (final String group : groups) {
            final long behind = of(group);
            if (behind < 0) {
                return -1;
            }
            sum += behind;
        }
        return sum;
    }

    private long of(final String group) {
        try {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            final Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            final Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
            long behind = 0;
            for (final Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                if (entry.getValue() != null) {
                    behind += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
            return behind;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (final ExecutionException | TimeoutException | RuntimeException unavailable) {
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
