package io.pixelgate.edge.prefs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording files: {@code <name>.<language>.properties} (UTF-8), built in under
 * {@code wording/} on the class path, or read from a directory that replaces them (for an
 * installation's own text, naming its own organisation). The current wording is shown on new
 * pages, and has every {@link Wording#REQUIRED_KEYS key}; any older version still present is
 * accepted from a form that was showing it, so a page opened before a deployment still records
 * exactly what it showed. An older version is only named in the record, never shown again: it
 * needs only the {@link Wording#CONSENT_KEYS}, and pages answering its form use the current text.
 */
public final class WordingCatalog {

    private static final String CLASSPATH_DIR = "wording/";
    private static final Pattern VERSION = Pattern.compile("([a-z0-9][a-z0-9-]{0,63})\\.([a-z]{2})");

    private final Optional<Path> directory;
    private final List<String> languages;
    private final Map<String, Wording> current;
    // Only versions that exist: the version comes from a form anyone can post, so misses are not kept.
    private final Map<String, Wording> byVersion = new ConcurrentHashMap<>();

    private WordingCatalog(final Optional<Path> directory, final List<String> languages,
                           final Map<String, Wording> current) {
        this.directory = directory;
        this.languages = List.copyOf(languages);
        this.current = Map.copyOf(current);
        current.values().forEach(wording -> byVersion.put(wording.version(), wording));
    }

    /**
     * Reads wording {@code name} in each of {@code languages}.
     *
     * @throws IllegalStateException naming the file that is missing or the key it lacks
     */
    public static WordingCatalog load(final Optional<Path> directory, final String name, final List<String> languages) {
        final Map<String, Wording> current = new LinkedHashMap<>();
        final WordingCatalog reader = new WordingCatalog(directory, languages, Map.of());
        for (final String language : languages) {
            final String version = name + "." + language;
            current.put(language, reader.read(version, Wording.REQUIRED_KEYS).orElseThrow(() -> new IllegalStateException(
                    "wording file " + version + ".properties is missing from " + reader.describe()
                            + "; set edge.wording and edge.wording.languages to files that exist")));
        }
        return new WordingCatalog(directory, languages, current);
    }

    /** The supported languages, the default first. */
    public List<String> languages() {
        return languages;
    }

    /** The wording shown on new pages in {@code language}, one of {@link #languages()}. */
    public Wording current(final String language) {
        final Wording wording = current.get(language);
        if (wording == null) {
            throw new IllegalArgumentException("no wording in " + language + "; languages are " + languages);
        }
        return wording;
    }

    /**
     * The wording of that exact version, when it exists (current or older). An older one may lack
     * the texts of the current pages: name it, never show it.
     */
    public Optional<Wording> byVersion(final String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            return Optional.empty();
        }
        final Wording known = byVersion.get(version);
        if (known != null) {
            return Optional.of(known);
        }
        final Optional<Wording> found = read(version, Wording.CONSENT_KEYS);
        found.ifPresent(wording -> byVersion.putIfAbsent(version, wording));
        return found;
    }

    private Optional<Wording> read(final String version, final List<String> requiredKeys) {
        final Matcher matcher = VERSION.matcher(version);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        final String file = version + ".properties";
        try (InputStream in = open(file)) {
            if (in == null) {
                return Optional.empty();
            }
            final Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            final Map<String, String> texts = new HashMap<>();
            properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key).trim()));
            for (final String key : requiredKeys) {
                if (texts.getOrDefault(key, "").isEmpty()) {
                    throw new IllegalStateException("wording file " + file + " in " + describe() + " lacks key " + key);
                }
            }
            return Optional.of(new Wording(version, matcher.group(2), texts));
        } catch (final IOException e) {
            throw new IllegalStateException("cannot read wording file " + file + " in " + describe() + ": "
                    + e.getMessage(), e);
        }
    }

    private InputStream open(final String file) throws IOException {
        if (directory.isPresent()) {
            final Path path = directory.get().resolve(file);
            return Files.isRegularFile(path) ? Files.newInputStream(path) : null;
        }
        return WordingCatalog.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + file);
    }

    private String describe() {
        return directory.map(path -> "directory " + path.toAbsolutePath()).orElse("the built-in wording");
    }
}
