package io.pixelgate.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.events.ConsentState;
import io.pixelgate.schemas.registry.HttpSchemaRegistryClient;
import io.pixelgate.schemas.registry.SchemaRegistryClient.RegisteredSchema;
import io.pixelgate.schemas.registry.SchemaRegistryException;
import io.pixelgate.testkit.TestCluster;
import java.time.Duration;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The registry client against the real registry the tests run, and against nothing at all. */
class SchemaRegistryClientTest {

    @Test
    void registersFetchesByIdAndLatestAgainstARealRegistry() {
        final HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(TestCluster.shared().registryUrl());
        final String subject = "client-test-" + UUID.randomUUID() + "-value";
        final Schema schema = ConsentState.getClassSchema();

        final int id = client.register(subject, schema);

        assertThat(client.register(subject, schema)).isEqualTo(id);
        assertThat(new HttpSchemaRegistryClient(TestCluster.shared().registryUrl()).byId(id)).isEqualTo(schema);
        final RegisteredSchema latest = client.latest(subject);
        assertThat(latest.id()).isEqualTo(id);
        assertThat(latest.schema()).isEqualTo(schema);
    }

    @Test
    void unknownSubjectIsANotFoundThatNamesTheRegistry() {
        final HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(TestCluster.shared().registryUrl());

        assertThatThrownBy(() -> client.latest("no-such-subject-" + UUID.randomUUID()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.notFound()).isTrue())
                .hasMessageContaining(TestCluster.shared().registryUrl()).hasMessageContaining("404");
    }

    @Test
    void unreachableRegistryFailsAfterBoundedRetriesNamingTheUrlAndTheSetting() {
        final String url = "http://localhost:" + EmbeddedKafka.freePort();
        final HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url, 3, Duration.ofMillis(10));

        assertThatThrownBy(() -> client.byId(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining(url).hasMessageContaining("unreachable")
                .hasMessageContaining("schema.registry.url").hasMessageContaining("after 3 attempts");
    }
}
