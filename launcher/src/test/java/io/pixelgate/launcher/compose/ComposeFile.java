package io.pixelgate.launcher.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as the compose check reads it: its services, after the variable substitution
 * compose itself does ({@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?error}}, {@code $$}).
 * YAML anchors and merge keys are not resolved (Jackson's YAML reader leaves aliases as their
 * names), so a file that uses them is refused rather than misread.
 */
record ComposeFile(Map<String, Service> services) {

    /** {@code $$}, or a {@code ${...}} with an optional operator, or a bare {@code $NAME}. */
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    ComposeFile {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services)); // in the file's order
    }

    /** One service, with the fields the check looks at. */
    record Service(String name, Optional<String> image, Optional<String> buildContext, Optional<String> dockerfile,
                   List<String> command, Map<String, String> environment, List<String> ports,
                   Map<String, String> dependsOn, boolean hasHealthcheck, String healthcheckTest) {

        Service {
            command = List.copyOf(command);
            environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
            ports = List.copyOf(ports);
            dependsOn = Map.copyOf(dependsOn);
        }

        /** Built from a Dockerfile of this repository rather than pulled: one of Pixelgate's applications. */
        boolean isBuilt() {
            return buildContext.isPresent();
        }
    }

    /**
     * Reads {@code file}, substituting variables from {@code shell} (the deployer's shell or .env file).
     *
     * @throws IllegalArgumentException when a variable is required and unset, as compose would refuse
     */
    static ComposeFile read(final Path file, final Map<String, String> shell) {
        final JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        final JsonNode services = substitute(root.path("services"), shell, "services");
        if (!services.isObject() || services.isEmpty()) {
            throw new IllegalArgumentException(file + " has no services");
        }
        final Map<String, Service> read = new LinkedHashMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> entry = it.next();
            read.put(entry.getKey(), service(entry.getKey(), entry.getValue()));
        }
        return new ComposeFile(read);
    }

    Service service(final String name) {
        final Service service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("docker-compose.yml has no service " + name + "; it has " + services.keySet());
        }
        return service;
    }

    /** The services built from the repository: Pixelgate's applications, one per container. */
    List<Service> applications() {
        return services.values().stream().filter(Service::isBuilt).toList();
    }

    private static Service service(final String name, final JsonNode node) {
        if (node.has("<<")) {
            throw new IllegalArgumentException("service " + name + " uses a YAML merge key (<<), which this check "
                    + "does not resolve: write the service's fields out");
        }
        final JsonNode build = node.path("build");
        final Optional<String> context = build.isTextual() ? Optional.of(build.asText())
                : text(build.path("context"));
        final Optional<String> dockerfile = context.map(c -> text(build.path("dockerfile")).orElse("Dockerfile"));
        return new Service(name, text(node.path("image")), context, dockerfile, command(name, node.path("command")),
                environment(name, node.path("environment")), ports(node.path("ports")),
                dependsOn(node.path("depends_on")), node.path("healthcheck").isObject(),
                healthcheckTest(node.path("healthcheck").path("test")));
    }

    /** The healthcheck's test as one line ({@code CMD-SHELL curl ...}); empty when there is none. */
    private static String healthcheckTest(final JsonNode test) {
        if (test.isTextual()) {
            return test.asText();
        }
        final List<String> words = new ArrayList<>();
        test.forEach(word -> words.add(word.asText()));
        return String.join(" ", words);
    }

    private static List<String> command(final String service, final JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText().trim().split("\\s+"));
        }
        if (node.isArray()) {
            final List<String> words = new ArrayList<>();
            node.forEach(word -> words.add(word.asText()));
            return words;
        }
        throw new IllegalArgumentException("command of service " + service + " is neither a string nor a list");
    }

    /** Both compose forms: a mapping, or a list of {@code NAME=value}. */
    private static Map<String, String> environment(final String service, final JsonNode node) {
        final Map<String, String> environment = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        } else if (node.isArray()) {
            node.forEach(item -> {
                final String text = item.asText();
                final int equals = text.indexOf('=');
                environment.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
            });
        } else if (!node.isMissingNode() && !node.isNull()) {
            throw new IllegalArgumentException("environment of service " + service + " is neither a mapping nor a "
                    + "list (a YAML alias? this check does not resolve aliases: write the variables out)");
        }
        return environment;
    }

    /** Short syntax as written ({@code "8080:8080"}); long syntax as {@code published:target}. */
    private static List<String> ports(final JsonNode node) {
        final List<String> ports = new ArrayList<>();
        node.forEach(port -> ports.add(port.isObject()
                ? port.path("published").asText() + ":" + port.path("target").asText()
                : port.asText()));
        return ports;
    }

    /** Service name to condition; the list form means {@code service_started}. */
    private static Map<String, String> dependsOn(final JsonNode node) {
        final Map<String, String> dependsOn = new LinkedHashMap<>();
        if (node.isArray()) {
            node.forEach(name -> dependsOn.put(name.asText(), "service_started"));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> dependsOn.put(e.getKey(),
                    text(e.getValue().path("condition")).orElse("service_started")));
        }
        return dependsOn;
    }

    private static Optional<String> text(final JsonNode node) {
        return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** Compose substitutes variables in values, never in keys. */
    private static JsonNode substitute(final JsonNode node, final Map<String, String> shell, final String where) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(substitute(node.asText(), shell, where));
        }
        if (node.isObject()) {
            final ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), substitute(e.getValue(), shell, where + "." + e.getKey())));
            return copy;
        }
        if (node.isArray()) {
            final ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(substitute(item, shell, where)));
            return copy;
        }
        return node;
    }

    private static String substitute(final String text, final Map<String, String> shell, final String where) {
        final Matcher matcher = VARIABLE.matcher(text);
        final StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(valueOf(matcher, shell, where)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String valueOf(final Matcher matcher, final Map<String, String> shell, final String where) {
        if (matcher.group(1) != null) {
            return "$";
        }
        final String name = matcher.group(2) != null ? matcher.group(2) : matcher.group(5);
        final String operator = matcher.group(3);
        final String argument = matcher.group(4);
        final String value = shell.get(name);
        // With a colon, an empty value counts as unset (compose's rule, from the shell's).
        final boolean unset = value == null || (operator != null && operator.startsWith(":") && value.isEmpty());
        if (!unset) {
            return value;
        }
        if (operator != null && operator.endsWith("-")) {
            return argument;
        }
        if (operator != null && operator.endsWith("?")) {
            throw new IllegalArgumentException("compose refuses " + where + ": " + name + " is required: " + argument);
        }
        throw new IllegalArgumentException(where + " uses " + name + ", which is not set and has no default; compose "
                + "would substitute an empty string: give it a default (${" + name + ":-...}) or require it (${" + name
                + ":?...})");
    }
}
