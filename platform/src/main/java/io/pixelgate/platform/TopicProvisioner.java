package io.pixelgate.platform;

import io.pixelgate.platform.PixelgateConfig.Keys;
import io.pixelgate.schemas.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing topics with the cleanup policy and retention SPEC.md gives them. Existing topics
 * are left as they are: their partition count is an operator's decision.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /**
     * Creates each of {@code topics} that does not exist yet on the runtime's cluster, with the
     * runtime's {@code topic.partitions} and {@code topic.replication.factor}; returns the names created.
     */
    public static List<String> ensure(final PixelgateRuntime runtime, final Collection<Topic<?>> topics) {
        final PixelgateConfig config = runtime.config();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.string(Keys.BOOTSTRAP_SERVERS)))) {
            return ensure(admin, topics, config.integer(Keys.TOPIC_PARTITIONS, PixelgateConfig.DEFAULT_TOPIC_PARTITIONS),
                    (short) config.integer(Keys.TOPIC_REPLICATION_FACTOR, PixelgateConfig.DEFAULT_REPLICATION_FACTOR));
        }
    }

    /** Creates each of {@code topics} that does not exist yet; returns the names created. */
    public static List<String> ensure(final Admin admin, final Collection<Topic<?>> topics, final int partitions,
                                      final short replicationFactor) {
        try {
            final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<NewTopic> missing = new ArrayList<>();
            for (final Topic<?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), partitions, replicationFactor).configs(topic.spec().configs()));
                }
            }
            if (missing.isEmpty()) {
                return List.of();
            }
            createAll(admin, missing);
            final List<String> created = missing.stream().map(NewTopic::name).toList();
            LOG.info("created topics {} ({} partitions, replication {})", created, partitions, replicationFactor);
            return created;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list or create topics (check bootstrap.servers and that the "
                    + "broker is up): " + e.getMessage(), e);
        }
    }

    private static void createAll(final Admin admin, final List<NewTopic> missing)
            throws InterruptedException, TimeoutException, ExecutionException {
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            // Another application created some of them first: what matters is that they exist.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
