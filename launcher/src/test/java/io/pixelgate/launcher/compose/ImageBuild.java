package io.pixelgate.launcher.compose;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/**
 * What building the image involves, read from the files that describe it: the Dockerfile's
 * instructions, the {@code .dockerignore} rules that decide the build context, and where the
 * launcher's Maven build puts the jar and its libraries. No Docker engine is needed to read them.
 */
final class ImageBuild {

    private ImageBuild() {
    }

    /**
     * The Dockerfile instructions the check looks at. {@code baseImage} is the FROM image with build
     * arguments at their defaults; {@code baseImageArgument} the build argument FROM names, if any.
     */
    record Dockerfile(String baseImage, Optional<String> baseImageArgument, Map<String, String> copies,
                      List<String> entrypoint, Optional<String> user) {

        private static final Pattern ARGUMENT = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

        Dockerfile {
            copies = Map.copyOf(copies);
            entrypoint = List.copyOf(entrypoint);
        }

        /** Reads {@code file}: comments and continuation lines as Docker does; COPY flags are skipped. */
        static Dockerfile read(final Path file) {
            String from = null;
            Optional<String> fromArgument = Optional.empty();
            final Map<String, String> buildArguments = new LinkedHashMap<>();
            final Map<String, String> copies = new LinkedHashMap<>();
            List<String> entrypoint = List.of();
            Optional<String> user = Optional.empty();
            for (final String instruction : instructions(readLines(file))) {
                final String[] parts = instruction.split("\\s+", 2);
                final String keyword = parts[0].toUpperCase(Locale.ROOT);
                final String arguments = parts.length > 1 ? parts[1].trim() : "";
                switch (keyword) {
                    case "ARG" -> {
                        final String[] nameAndDefault = arguments.split("=", 2);
                        buildArguments.put(nameAndDefault[0].trim(), nameAndDefault.length > 1 ? nameAndDefault[1].trim() : "");
                    }
                    case "FROM" -> {
                        final String image = arguments.split("\\s+")[0];
                        final Matcher argument = ARGUMENT.matcher(image);
                        fromArgument = argument.matches() ? Optional.of(argument.group(1)) : Optional.empty();
                        from = fromArgument.map(name -> buildArguments.getOrDefault(name, "")).orElse(image);
                    }
                    case "COPY" -> {
                        final List<String> words = new ArrayList<>(List.of(arguments.split("\\s+")));
                        words.removeIf(word -> word.startsWith("--"));
                        final String destination = words.remove(words.size() - 1);
                        words.forEach(source -> copies.put(source, destination));
                    }
                    case "ENTRYPOINT" -> entrypoint = execForm(arguments, file);
                    case "USER" -> user = Optional.of(arguments);
                    default -> {
                        // RUN, WORKDIR, CMD, ... do not decide what runs from where
                    }
                }
            }
            if (from == null) {
                throw new IllegalArgumentException(file + " has no FROM");
            }
            return new Dockerfile(from, fromArgument, copies, entrypoint, user);
        }

        private static List<String> instructions(final List<String> lines) {
            final List<String> instructions = new ArrayList<>();
            final StringBuilder current = new StringBuilder();
            for (final String line : lines) {
                final String trimmed = line.trim();
                if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                } else {
                    instructions.add(current.append(trimmed).toString().trim());
                    current.setLength(0);
                }
            }
            return instructions;
        }

        private static List<String> execForm(final String arguments, final Path file) {
            try {
                return new ObjectMapper().readValue(arguments, new TypeReference<List<String>>() { });
            } catch (final IOException e) {
                throw new IllegalArgumentException(file + ": ENTRYPOINT must be in exec form, [\"java\", ...], so that "
                        + "java is PID 1 and gets SIGTERM; got " + arguments, e);
            }
        }
    }

    /**
     * The {@code .dockerignore} rules: the last pattern that matches a path or one of its parent
     * directories decides, a {@code !} pattern keeping it in the build context.
     */
    record DockerIgnore(List<String> patterns) {

        DockerIgnore {
            patterns = List.copyOf(patterns);
        }

        static DockerIgnore read(final Path file) {
            if (!Files.exists(file)) {
                return new DockerIgnore(List.of());
            }
            return new DockerIgnore(readLines(file).stream().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
        }

        /** Whether {@code path} (relative to the context, {@code /}-separated) reaches the builder. */
        boolean sends(final String path) {
            boolean excluded = false;
            for (final String pattern : patterns) {
                final boolean keep = pattern.startsWith("!");
                final String glob = strip(keep ? pattern.substring(1) : pattern);
                if (matchesItselfOrParent(glob, strip(path))) {
                    excluded = !keep;
                }
            }
            return !excluded;
        }

        private static boolean matchesItselfOrParent(final String glob, final String path) {
            final PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            for (Path candidate = Path.of(path); candidate != null; candidate = candidate.getParent()) {
                if (matcher.matches(candidate)) {
                    return true;
                }
            }
            return false;
        }

        private static String strip(final String path) {
            String stripped = path.startsWith("/") ? path.substring(1) : path;
            while (stripped.endsWith("/")) {
                stripped = stripped.substring(0, stripped.length() - 1);
            }
            return stripped;
        }
    }

    /**
     * Where {@code ./mvnw install} puts the launcher: {@code <finalName>.jar} and the
     * copy-dependencies output directory, read from the launcher's pom, relative to the repository.
     */
    record LauncherBuild(String jar, String libraries) {

        static LauncherBuild read(final Path root) {
            final Path pom = root.resolve("launcher/pom.xml");
            try {
                final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                final Document document = factory.newDocumentBuilder().parse(pom.toFile());
                final XPath xpath = XPathFactory.newInstance().newXPath();
                final String finalName = xpath.evaluate("/project/build/finalName", document).trim();
                final String libraries = xpath.evaluate("/project/build/plugins/plugin[artifactId='maven-dependency-plugin']"
                        + "/executions/execution[goals/goal='copy-dependencies']/configuration/outputDirectory", document).trim();
                if (finalName.isEmpty() || libraries.isEmpty()) {
                    throw new IllegalStateException(pom + " no longer names the launcher jar (build/finalName) or the "
                            + "directory its dependencies are copied to (copy-dependencies outputDirectory): the Dockerfile "
                            + "and this check assume both");
                }
                return new LauncherBuild("launcher/target/" + finalName + ".jar",
                        "launcher/" + libraries.replace("${project.build.directory}", "target"));
            } catch (final IllegalStateException e) {
                throw e;
            } catch (final Exception e) {
                throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
            }
        }
    }

    private static List<String> readLines(final Path file) {
        try {
            return Files.readAllLines(file);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
