package io.pixelgate.launcher.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.pixelgate.launcher.Main;
import io.pixelgate.launcher.compose.ComposeFile.Service;
import io.pixelgate.launcher.compose.ImageBuild.DockerIgnore;
import io.pixelgate.launcher.compose.ImageBuild.Dockerfile;
import io.pixelgate.launcher.compose.ImageBuild.LauncherBuild;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.TopicProvisioner;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.platform.app.PixelgateApplication.Running;
import io.pixelgate.platform.ops.OpsSettings;
import io.pixelgate.testkit.TestCluster;
import io.pixelgate.tokens.TokenKeys;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The production topology, checked without a Docker engine: docker-compose.yml runs an application
 * of the launcher in each container it builds, every variable it gives an application is a setting
 * that application reads (each one is started here from its service's environment, against the
 * test cluster), the applications reach the file's Kafka and registry, and the image runs the jar
 * and libraries the launcher's build produces. `.ci/run` also has {@code docker-compose config}
 * validate the file itself.
 */
class ComposeFileTest {

    private static final Path ROOT = repositoryRoot();
    /** What a deployer's shell or .env gives compose to substitute: a key ring of their own. */
    private static final Map<String, String> DEPLOYER_SHELL =
            Map.of("PIXELGATE_TOKEN_KEYS", TokenKeys.generate("k1").toConfigString());
    private static final ComposeFile COMPOSE = ComposeFile.read(ROOT.resolve("docker-compose.yml"), DEPLOYER_SHELL);

    /** PixelgateConfig's rule: PIXELGATE_SCHEMA_REGISTRY_URL is the setting schema.registry.url. */
    private static final String SETTING_PREFIX = "PIXELGATE_";
    /** Read by the JVM itself, not by the application; the one other variable a service may set. */
    private static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";
    /** The edge's port setting (EdgeSettings.PORT.key()); 0 lets the test take any free port. */
    private static final String EDGE_PORT = "edge.port";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    static Stream<String> applicationServices() {
        return COMPOSE.applications().stream().map(Service::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applicationServices")
    void everyVariableTheServiceSetsIsASettingItsApplicationReads(final String name) {
        // given the service's environment, as compose hands it to the container
        final Service service = COMPOSE.service(name);
        final PixelgateApplication app = applicationRunBy(service);

        // when the application starts from it, as `pixelgate <app>` would, and stops again
        final PixelgateConfig config = PixelgateConfig.load(null, service.environment(), testClusterInstead(name));
        start(app, config);

        // then every variable names a setting the application asked for
        final Set<String> asked = config.askedKeys();
        final List<String> unread = new ArrayList<>();
        service.environment().keySet().forEach(variable -> {
            if (variable.startsWith(SETTING_PREFIX)) {
                final String key = settingOf(variable);
                if (!asked.contains(key)) {
                    unread.add(variable + " (setting " + key + ")");
                }
            } else if (!variable.equals(JVM_OPTIONS)) {
                unread.add(variable + " (not a Pixelgate setting: the applications read only " + SETTING_PREFIX
                        + "* variables)");
            }
        });
        assertThat(unread).as("variables service %s sets that %s never reads; remove them, or make the application "
                + "read them (it read %s)", name, app.name(), new TreeSet<>(asked)).isEmpty();
    }

    @Test
    void everyServiceItBuildsRunsAnApplicationOfTheLauncherAndEveryApplicationHasOne() {
        final Set<String> onClassPath = applications().keySet();
        // the image's entry point is `pixelgate`, so a command is exactly one application's name
        final Set<String> commands = COMPOSE.applications().stream()
                .map(service -> String.join(" ", service.command())).collect(Collectors.toCollection(TreeSet::new));

        final Set<String> unknown = new TreeSet<>(commands);
        unknown.removeAll(onClassPath);
        final Set<String> withoutService = new TreeSet<>(onClassPath);
        withoutService.removeAll(commands);
        assertThat(unknown).as("commands of docker-compose.yml that name no application on the launcher's class path "
                + "%s; add the module that provides each as a dependency of launcher/pom.xml", onClassPath).isEmpty();
        assertThat(withoutService).as("applications the launcher runs that docker-compose.yml does not").isEmpty();
    }

    @Test
    void theApplicationsShareOneImageBuiltFromTheRepositoryDockerfile() {
        final List<Service> applications = COMPOSE.applications();

        assertThat(applications).extracting(Service::image).as("image names of the built services")
                .containsOnly(applications.get(0).image()).allSatisfy(image -> assertThat(image).isPresent());
        assertThat(applications).allSatisfy(service -> {
            assertThat(ROOT.resolve(service.buildContext().orElseThrow()).normalize()).as("build context of %s",
                    service.name()).isEqualTo(ROOT);
            assertThat(ROOT.resolve(service.dockerfile().orElseThrow())).as("Dockerfile of %s", service.name())
                    .isEqualTo(ROOT.resolve("Dockerfile"));
        });
    }

    @Test
    void everyApplicationWaitsForTheKafkaAndRegistryOfThisFileAndReachesThem() {
        assertThat(COMPOSE.applications()).allSatisfy(service -> {
            final String bootstrap = service.environment().get("PIXELGATE_BOOTSTRAP_SERVERS");
            final String registry = service.environment().get("PIXELGATE_SCHEMA_REGISTRY_URL");
            assertThat(bootstrap).as("PIXELGATE_BOOTSTRAP_SERVERS of %s", service.name()).isNotBlank();
            assertThat(registry).as("PIXELGATE_SCHEMA_REGISTRY_URL of %s", service.name()).isNotBlank();

            for (final String server : bootstrap.split(",")) {
                final String host = server.trim().substring(0, server.trim().lastIndexOf(':'));
                assertThat(COMPOSE.service(host).environment().get("KAFKA_ADVERTISED_LISTENERS"))
                        .as("listeners %s advertises, which %s bootstraps from", host, service.name())
                        .contains("//" + server.trim());
                assertWaitsUntilHealthy(service, host);
            }
            final URI url = URI.create(registry);
            assertThat(COMPOSE.service(url.getHost()).environment().get("SCHEMA_REGISTRY_LISTENERS"))
                    .as("listeners of the registry %s uses", service.name()).endsWith(":" + url.getPort());
            assertWaitsUntilHealthy(service, url.getHost());
        });
    }

    @Test
    void everyApplicationChecksTheReadinessOfItsOperationsEndpointAndWhatWaitsForItWaitsUntilReady() {
        // the port the application listens on when the service does not set one (ops.port)
        final String ready = "http://localhost:" + OpsSettings.PORT.defaultValue() + "/health/ready";
        assertThat(COMPOSE.applications()).allSatisfy(service -> {
            assertThat(service.environment()).as("%s keeps the default ops.port its healthcheck uses", service.name())
                    .doesNotContainKey(PixelgateConfig.variableOf(OpsSettings.PORT.key()));
            assertThat(service.healthcheckTest()).as("healthcheck of %s", service.name())
                    .contains("curl").contains(ready);
        });
        final Set<String> applications = COMPOSE.applications().stream().map(Service::name).collect(Collectors.toSet());
        COMPOSE.services().values().forEach(service -> service.dependsOn().forEach((dependency, condition) -> {
            if (applications.contains(dependency)) {
                assertThat(condition).as("%s waits for %s", service.name(), dependency).isEqualTo("service_healthy");
            }
        }));
    }

    @Test
    void servicesThatShareASettingGiveItOneValue() {
        // e.g. a token key ring that differs between send-enricher and edge makes every link a 404
        final Map<String, Set<String>> values = new HashMap<>();
        COMPOSE.applications().forEach(service -> service.environment()
                .forEach((variable, value) -> values.computeIfAbsent(variable, v -> new TreeSet<>()).add(value)));

        assertThat(values).as("variables set to different values in different services")
                .allSatisfy((variable, distinct) -> assertThat(distinct).as(variable).hasSize(1));
    }

    @Test
    void theEdgeIsPublishedOnItsPortAndPixelAndLinkUrlsPointAtIt() {
        final Service edge = COMPOSE.service("edge");

        assertThat(edge.ports()).contains("8080:8080");
        assertThat(edge.hasHealthcheck()).as("the edge answers GET /health").isTrue();
        assertThat(COMPOSE.service("send-enricher").environment().get("PIXELGATE_EDGE_PUBLIC_URL"))
                .as("the base of the URLs send-enricher writes into emails")
                .isEqualTo(edge.environment().get("PIXELGATE_EDGE_PUBLIC_URL"));
    }

    @Test
    void aDeploymentWithoutATokenKeyRingIsRefusedBeforeAnythingStarts() throws Exception {
        assertThatThrownBy(() -> ComposeFile.read(ROOT.resolve("docker-compose.yml"), Map.of()))
                .hasMessageContaining("PIXELGATE_TOKEN_KEYS is required")
                .hasMessageContaining("deploy/README.md");
        assertThat(Files.readString(ROOT.resolve("deploy/README.md"))).contains("PIXELGATE_TOKEN_KEYS");
    }

    @Test
    void theLocalImagesOverrideSwapsEveryPulledImageAndAddsOnlyWhatTheFileLacks() {
        final ComposeFile override = ComposeFile.read(ROOT.resolve("deploy/compose.local-images.yml"), DEPLOYER_SHELL);

        // podman-compose 1.0.3 appends an override's lists to the file's: a second health check test
        // or port list would make the merged service run a broken check or publish twice
        assertThat(override.services().values()).allSatisfy(service -> {
            final Service original = COMPOSE.service(service.name());
            assertThat(service.hasHealthcheck() && original.hasHealthcheck()).as("%s has a health check in both "
                    + "docker-compose.yml and the override: remove the override's", service.name()).isFalse();
            assertThat(service.ports()).as("ports the override adds to %s", service.name()).isEmpty();
            assertThat(service.isBuilt()).as("the override builds %s", service.name()).isFalse();
        });
        final List<String> pulled = COMPOSE.services().values().stream().filter(service -> !service.isBuilt())
                .map(Service::name).toList();
        assertThat(override.services().values().stream().filter(service -> service.image().isPresent())
                .map(Service::name)).as("services whose image the override swaps").containsExactlyInAnyOrderElementsOf(pulled);
    }

    @Test
    void theImageRunsTheLauncherJarAndLibrariesWhereTheBuildPutsThem() {
        // given where `./mvnw -DskipTests install` puts them (this test runs before the jar is packaged)
        final LauncherBuild build = LauncherBuild.read(ROOT);
        final Dockerfile dockerfile = Dockerfile.read(ROOT.resolve("Dockerfile"));

        // then the image copies exactly those, and its entry point runs Main from them, not as root
        final Map<String, String> copies = dockerfile.copies().entrySet().stream()
                .collect(Collectors.toMap(e -> withoutTrailingSlash(e.getKey()), e -> withoutTrailingSlash(e.getValue())));
        assertThat(dockerfile.baseImage()).isEqualTo("eclipse-temurin:17-jre");
        assertThat(dockerfile.baseImageArgument()).as("the base image is a build argument, so that a machine that "
                + "cannot pull it builds on a local one (deploy/compose-check)").hasValue("BASE_IMAGE");
        assertThat(copies).containsOnlyKeys(build.jar(), build.libraries());
        assertThat(dockerfile.entrypoint()).containsExactly("java", "-cp",
                copies.get(build.jar()) + ":" + copies.get(build.libraries()) + "/*", Main.class.getName());
        assertThat(dockerfile.user()).as("USER of the image").hasValueSatisfying(user ->
                assertThat(user.split(":")[0]).isNotIn("root", "0"));
    }

    @Test
    void theBuildContextHoldsWhatTheImageCopiesAndNotTheSecrets() {
        final LauncherBuild build = LauncherBuild.read(ROOT);
        final DockerIgnore ignore = DockerIgnore.read(ROOT.resolve(".dockerignore"));

        assertThat(List.of(build.jar(), build.libraries() + "/kafka-clients.jar")).allSatisfy(path ->
                assertThat(ignore.sends(path)).as("%s reaches the builder", path).isTrue());
        assertThat(List.of(".env", ".pixelgate/token.keys", "launcher/src/main/java/Main.java", "edge/target/edge.jar"))
                .allSatisfy(path -> assertThat(ignore.sends(path)).as("%s stays out of the build context", path).isFalse());
    }

    /** The launcher's way to start one application: connect, create missing topics, start (AppCommand). */
    private static void start(final PixelgateApplication app, final PixelgateConfig config) {
        final PixelgateRuntime runtime = PixelgateRuntime.connect(config);
        TopicProvisioner.ensure(runtime, runtime.topics().all());
        try (Running running = app.start(runtime, START_TIMEOUT)) {
            assertThat(running).as("%s started", app.name()).isNotNull();
        }
    }

    /**
     * What differs between a container and this test: where Kafka and the registry are, a topic
     * prefix and state directory of its own, any free port. Given as flags would be, so they win
     * over the environment without hiding which variables the environment set.
     */
    private static Map<String, String> testClusterInstead(final String service) {
        final TestCluster cluster = TestCluster.shared();
        return Map.of(CommonSettings.BOOTSTRAP_SERVERS.key(), cluster.bootstrapServers(),
                CommonSettings.SCHEMA_REGISTRY_URL.key(), cluster.registryUrl(),
                CommonSettings.TOPIC_PREFIX.key(), "compose" + UUID.randomUUID().toString().substring(0, 8) + ".",
                CommonSettings.STATE_DIR.key(), cluster.newDirectory("compose-" + service).toString(),
                EDGE_PORT, "0");
    }

    private static PixelgateApplication applicationRunBy(final Service service) {
        final Map<String, PixelgateApplication> applications = applications();
        final String command = String.join(" ", service.command());
        final PixelgateApplication app = applications.get(command);
        if (app == null) {
            fail("service " + service.name() + " runs `pixelgate " + command + "`, but the launcher's class path has "
                    + "only " + applications.keySet() + ": add the module as a dependency of launcher/pom.xml");
        }
        return app;
    }

    private static Map<String, PixelgateApplication> applications() {
        return ServiceLoader.load(PixelgateApplication.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(PixelgateApplication::name, app -> app));
    }

    private static void assertWaitsUntilHealthy(final Service service, final String dependency) {
        assertThat(service.dependsOn()).as("%s waits for %s", service.name(), dependency)
                .containsEntry(dependency, "service_healthy");
        assertThat(COMPOSE.service(dependency).hasHealthcheck()).as("%s has a healthcheck", dependency).isTrue();
    }

    private static String settingOf(final String variable) {
        return PixelgateConfig.keyOfVariable(variable);
    }

    private static String withoutTrailingSlash(final String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The directory holding docker-compose.yml and mvnw; Surefire runs in the launcher module below it. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docker-compose.yml")) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker-compose.yml next to mvnw above " + Path.of("").toAbsolutePath());
    }
}
