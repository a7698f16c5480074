package io.pixelgate.launcher;

import io.pixelgate.platform.PixelgateConfig.Keys;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.TopicProvisioner;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Creates the topics that do not exist yet, with SPEC.md's cleanup and retention, before an
 * application starts: every application may be the first one deployed.
 */
final class TopicsAtStart {

    private TopicsAtStart() {
    }

    static void ensure(final PixelgateRuntime runtime) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                runtime.config().string(Keys.BOOTSTRAP_SERVERS)))) {
            TopicProvisioner.ensure(admin, runtime.topics().all(), runtime.config().integer(Keys.TOPIC_PARTITIONS, 3),
                    (short) runtime.config().integer(Keys.TOPIC_REPLICATION_FACTOR, 1));
        }
    }
}
