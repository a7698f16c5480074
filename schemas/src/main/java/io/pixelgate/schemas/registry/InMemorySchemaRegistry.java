package io.pixelgate.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A registry held in memory, for TopologyTestDriver tests and other single-JVM uses where no
 * registry runs. Ids are global and stable for equal schemas, as in the real registry.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final List<Schema> schemas = new ArrayList<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        int id = schemas.indexOf(schema);
        if (id < 0) {
            schemas.add(schema);
            id = schemas.size() - 1;
        }
        final List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id + 1)) {
            versions.add(id + 1);
        }
        return id + 1;
    }

    @Override
    public synchronized Schema byId(final int id) {
        if (id < 1 || id > schemas.size()) {
            throw new SchemaRegistryException("schema id " + id + " is not registered in memory", 404, null);
        }
        return schemas.get(id - 1);
    }

    @Override
    public synchronized RegisteredSchema latest(final String subject) {
        final List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException("subject " + subject + " is not registered in memory", 404, null);
        }
        final int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(id, byId(id));
    }

    @Override
    public String describe() {
        return "in-memory registry";
    }
}
